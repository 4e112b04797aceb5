package org.opencpm.plugins.wechat;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.builder.RouteBuilder;
import org.opencpm.connectors.api.ChangeBatch;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.ConnectorApi;
import org.opencpm.connectors.api.ConnectorConfig;
import org.opencpm.connectors.api.ConnectorContext;
import org.opencpm.connectors.api.ConnectorDescriptor;
import org.opencpm.connectors.api.ConnectorDescriptor.ConfigKey;
import org.opencpm.connectors.api.IdentifierType;
import org.opencpm.connectors.api.InboundHandler;
import org.pf4j.Extension;

/**
 * The {@code wechat} connector: one WeChat user tag per consented purpose, kept in step with
 * OpenCPM ({@link TagSync}), and WeChat's event push turned into consent events
 * ({@link EventPush}). Configuration: {@code conf/connectors/wechat.properties}, every key in the
 * plugin's README.
 */
@Extension
public final class WeChatConnector implements ChannelConnector {

    static final String ID = "wechat";
    static final String DEFAULT_BASE_URL = "https://api.weixin.qq.com";
    static final String APP_ID = "appId";
    static final String APP_SECRET = "appSecret";
    static final String TOKEN = "token";
    static final String TAG_PREFIX = "tagPrefix";
    static final String DEFAULT_TAG_PREFIX = "opencpm-";
    /** {@code tag.<purpose>=<tag id>}: a tag that exists already on WeChat, used instead of creating one. */
    static final String TAG = "tag.";
    /** {@code template.<templateId>=<purpose>}: the purpose a subscribe-message template stands for. */
    static final String TEMPLATE = "template.";
    static final String SUBSCRIBE_NOTICE = "subscribeNotice";
    static final String TIMEOUT_MILLIS = "timeoutMillis";
    /** The EncodingAESKey of the server URL configuration, for pushes in safe (AES) mode. */
    static final String ENCODING_AES_KEY = "encodingAESKey";
    /** How far a push's timestamp may be from now, in seconds; 0 = any. */
    static final String SIGNATURE_WINDOW_SECONDS = "signatureWindowSeconds";
    /** {@code classic} ({@code /cgi-bin/token}) or {@code stable} ({@code /cgi-bin/stable_token}). */
    static final String TOKEN_API = "tokenApi";

    @Override
    public ConnectorDescriptor descriptor() {
        return new ConnectorDescriptor(ID, "WeChat Official Account and mini-program", "1.0.0", Set.of(IdentifierType.WECHAT_OPENID.code()),
                List.of(ConfigKey.optional(ConnectorApi.BASE_URL, "WeChat's API root (default " + DEFAULT_BASE_URL + ")"),
                        ConfigKey.required(APP_ID, "the official account's (or mini-program's) AppID; openids are scoped by it"),
                        ConfigKey.required(ConnectorApi.PURPOSES, "the purposes collected through the account, comma-separated:"
                                + " the only ones tagged, and what an unsubscribe withdraws"),
                        ConfigKey.secret(APP_SECRET, "the AppSecret, for /cgi-bin/token"),
                        ConfigKey.secret(TOKEN, "the Token of the server URL configuration: WeChat signs its pushes with it"),
                        new ConfigKey(ENCODING_AES_KEY, false, true, "the EncodingAESKey of the server URL configuration,"
                                + " to read pushes in safe (AES) mode, whose bodies it authenticates; with it, unencrypted pushes are refused"),
                        ConfigKey.optional(SIGNATURE_WINDOW_SECONDS, "how far a push's timestamp may be from this server's clock,"
                                + " in seconds; 0 = any (default 300)"),
                        ConfigKey.optional(TAG_PREFIX, "prefix of the tag names, <tagPrefix><purpose> (default " + DEFAULT_TAG_PREFIX + ")"),
                        ConfigKey.optional(TAG + "<purpose>", "the id of an existing WeChat tag to use for <purpose> instead of creating one"),
                        ConfigKey.optional(TEMPLATE + "<templateId>", "the purpose a subscribe-message template stands for"),
                        ConfigKey.optional(SUBSCRIBE_NOTICE, "<code>:<version> of the notice a subscribe-message acceptance is given"
                                + " under (required with template.* keys)"),
                        ConfigKey.optional(ConnectorApi.BATCH_SIZE, "changes per message, at most 50 (one batchtagging call; default 50)"),
                        ConfigKey.optional(TOKEN_API, "classic (/cgi-bin/token, default) or stable (/cgi-bin/stable_token: one token"
                                + " shared by every server of the app; use it with several nodes or other systems on the same appId)"),
                        ConfigKey.optional(TIMEOUT_MILLIS, "how long to wait to connect and for each answer of WeChat (default 10000)")),
                TagSync.MAX_OPENIDS, 1000);
    }

    @Override
    public RouteBuilder routes(ConnectorContext context) {
        ConnectorConfig config = context.config();
        if (context.batchSize() > TagSync.MAX_OPENIDS) {
            throw new IllegalStateException("configuration key '" + ConnectorApi.BATCH_SIZE + "' must be at most " + TagSync.MAX_OPENIDS
                    + " (openids per batchtagging call)");
        }
        long timeout = config.getLong(TIMEOUT_MILLIS, 10_000);
        if (timeout < 1) {
            throw new IllegalStateException("configuration key '" + TIMEOUT_MILLIS + "' must be a positive number of milliseconds");
        }
        purposes(config);
        String appId = config.require(APP_ID);
        WeChatApi api = new WeChatApi(config.get(ConnectorApi.BASE_URL).orElse(DEFAULT_BASE_URL), Duration.ofMillis(timeout));
        String appSecret = config.require(APP_SECRET);
        String tokenApi = config.get(TOKEN_API).orElse("classic");
        AccessTokens tokens = new AccessTokens(switch (tokenApi) {
            case "classic" -> () -> api.token(appId, appSecret);
            case "stable" -> () -> api.stableToken(appId, appSecret);
            default -> throw new IllegalStateException("configuration key '" + TOKEN_API + "' must be classic or stable");
        }, context.clock());
        TagIds tags = new TagIds(config.get(TAG_PREFIX).orElse(DEFAULT_TAG_PREFIX), pinnedTags(config), tokens, api);
        TagSync sync = new TagSync(appId, tags, tokens, api);
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(context.entryUri()).routeId(context.routeId())
                        .process(exchange -> sync.deliver(exchange.getIn().getBody(ChangeBatch.class)));
            }
        };
    }

    @Override
    public Optional<InboundHandler> inbound(ConnectorContext context) {
        ConnectorConfig config = context.config();
        List<String> purposes = purposes(config);
        Map<String, String> templates = withPrefix(config, TEMPLATE);
        Optional<EventPush.Notice> notice = Optional.empty();
        if (!templates.isEmpty()) {
            String[] parts = config.get(SUBSCRIBE_NOTICE).orElseThrow(() -> new IllegalStateException("configuration key '"
                    + SUBSCRIBE_NOTICE + "' is required with template.* keys: an acceptance is a grant, given under a notice")).split(":", 2);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalStateException("configuration key '" + SUBSCRIBE_NOTICE + "' must be <code>:<version>");
            }
            notice = Optional.of(new EventPush.Notice(parts[0].strip(), parts[1].strip()));
        }
        String token = config.require(TOKEN);
        String appId = config.require(APP_ID);
        Optional<SafeMode> safeMode = config.get(ENCODING_AES_KEY).map(key -> SafeMode.of(key, token, appId));
        long window = config.getLong(SIGNATURE_WINDOW_SECONDS, 300);
        if (window < 0) {
            throw new IllegalStateException("configuration key '" + SIGNATURE_WINDOW_SECONDS + "' must be 0 or more seconds");
        }
        return Optional.of(new EventPush(token, appId, purposes, templates, notice, safeMode, context.clock(), Duration.ofSeconds(window)));
    }

    /**
     * The purposes the connector keeps. Required: unset, the host would send every purpose of the
     * catalogue (each would get a tag), and an unsubscribe could withdraw nothing, since which
     * purposes a follower gave through the account cannot be guessed.
     *
     * @throws IllegalStateException naming the key when it lists no purpose
     */
    private static List<String> purposes(ConnectorConfig config) {
        List<String> purposes = config.get(ConnectorApi.PURPOSES)
                .map(list -> Arrays.stream(list.split(",")).map(String::strip).filter(p -> !p.isEmpty()).distinct().toList())
                .orElse(List.of());
        if (purposes.isEmpty()) {
            throw new IllegalStateException("configuration key '" + ConnectorApi.PURPOSES + "' is required: the purposes collected"
                    + " through the account (tagged, and withdrawn by an unsubscribe), e.g. purposes=marketing-wechat");
        }
        return purposes;
    }

    private static Map<String, Integer> pinnedTags(ConnectorConfig config) {
        Map<String, Integer> out = new LinkedHashMap<>();
        withPrefix(config, TAG).forEach((purpose, id) -> {
            try {
                out.put(purpose, Integer.parseInt(id));
            } catch (NumberFormatException e) {
                throw new IllegalStateException("configuration key '" + TAG + purpose + "' must be a WeChat tag id (a whole number)");
            }
        });
        return out;
    }

    /** The keys {@code <prefix><name>=<value>}, as name → value. */
    private static Map<String, String> withPrefix(ConnectorConfig config, String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : config.keys()) {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                config.get(key).ifPresent(value -> out.put(key.substring(prefix.length()), value));
            }
        }
        return out;
    }
}
