package org.opencpm.plugins.smstencent;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.opencpm.connectors.api.ConnectorApi;
import org.opencpm.connectors.api.ConnectorConfig;
import org.opencpm.connectors.api.ConnectorDescriptor.ConfigKey;
import org.opencpm.connectors.api.UnsubscribeKeywords;

/**
 * The configuration of {@code sms-tencent} ({@code conf/connectors/sms-tencent.properties}), read and
 * checked once per start: a value that cannot work fails the start with a message naming its key,
 * rather than every send or reply failing later. Holds the secret key and the inbound token, so it
 * never shows its values ({@link Object#toString()} is not overridden on purpose).
 */
final class SmsTencentSettings {

    static final String DEFAULT_BASE_URL = "https://sms.tencentcloudapi.com";
    static final String DEFAULT_REGION = "ap-guangzhou";
    static final long DEFAULT_TIMEOUT_MILLIS = 5_000;
    /** The token is all that authenticates a reply callback (Tencent signs nothing): short enough to guess is refused. */
    static final int MIN_INBOUND_TOKEN_LENGTH = 32;

    static final String SECRET_ID = "secretId";
    static final String SECRET_KEY = "secretKey";
    static final String SDK_APP_ID = "sdkAppId";
    static final String SIGN_NAME = "signName";
    static final String TEMPLATE_ID = "templateId";
    static final String REGION = "region";
    static final String TIMEOUT_MILLIS = "timeoutMillis";
    static final String INBOUND_TOKEN = "inboundToken";
    static final String UNSUBSCRIBE_PURPOSES = "unsubscribePurposes";

    /** Every key the connector reads besides the host's, each with what an operator must know. */
    static final List<ConfigKey> KEYS = List.of(
            ConfigKey.optional(ConnectorApi.BASE_URL, "Tencent Cloud SMS's API root (default " + DEFAULT_BASE_URL + ")"),
            ConfigKey.required(SECRET_ID, "the SecretId of a CAM key allowed to call sms:SendSms"),
            ConfigKey.secret(SECRET_KEY, "the SecretKey of that CAM key: TC3-HMAC-SHA256 signs every request with it"),
            ConfigKey.required(SDK_APP_ID, "the SMS application's SdkAppId (1400…), from the SMS console"),
            ConfigKey.required(SIGN_NAME, "the approved SMS signature's content (签名内容, not its id), e.g. 腾讯云"),
            ConfigKey.optional(TEMPLATE_ID, "the approved template sent when the caller names none"),
            ConfigKey.secret(INBOUND_TOKEN, "the token Tencent's reply callback URL carries: /hooks/sms-tencent/reply?token=…"),
            ConfigKey.optional(UnsubscribeKeywords.KEY, "replies that unsubscribe, comma-separated (default T,TD,退订,N,R)"),
            ConfigKey.optional(UNSUBSCRIBE_PURPOSES, "the purposes an unsubscribe reply withdraws, comma-separated (default: purposes)"),
            ConfigKey.optional(ConnectorApi.PURPOSES, "the purposes this connector is for; also what a reply withdraws unless "
                    + UNSUBSCRIBE_PURPOSES + " says"),
            ConfigKey.optional(REGION, "the X-TC-Region of every request (default " + DEFAULT_REGION + ")"),
            ConfigKey.optional(TIMEOUT_MILLIS, "how long a send waits to connect and for the answer, 100–60000 ms (default "
                    + DEFAULT_TIMEOUT_MILLIS + ")"));

    private final URI endpoint;
    private final String secretId;
    private final String secretKey;
    private final String sdkAppId;
    private final String signName;
    private final Optional<String> templateId;
    private final String region;
    private final Duration timeout;
    private final String inboundToken;
    private final List<String> unsubscribePurposes;
    private final UnsubscribeKeywords keywords;

    private SmsTencentSettings(ConnectorConfig config) {
        this.endpoint = endpoint(config.get(ConnectorApi.BASE_URL).orElse(DEFAULT_BASE_URL));
        this.secretId = config.require(SECRET_ID);
        this.secretKey = config.require(SECRET_KEY);
        this.sdkAppId = config.require(SDK_APP_ID);
        this.signName = config.require(SIGN_NAME);
        this.templateId = config.get(TEMPLATE_ID);
        this.region = config.get(REGION).orElse(DEFAULT_REGION);
        long millis = config.getLong(TIMEOUT_MILLIS, DEFAULT_TIMEOUT_MILLIS);
        if (millis < 100 || millis > 60_000) {
            throw new IllegalStateException("configuration key '" + TIMEOUT_MILLIS + "' must be from 100 to 60000 (milliseconds)");
        }
        this.timeout = Duration.ofMillis(millis);
        this.inboundToken = inboundToken(config);
        this.unsubscribePurposes = unsubscribePurposes(config);
        this.keywords = UnsubscribeKeywords.of(config);
    }

    /** @throws IllegalStateException naming the key whose value cannot work */
    static SmsTencentSettings of(ConnectorConfig config) {
        return new SmsTencentSettings(config);
    }

    private static URI endpoint(String baseUrl) {
        try {
            URI uri = new URI(baseUrl);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(baseUrl, "not an http(s) URL with a host");
            }
            // TC3 signs the request to "/": the API root is the host, whatever path the operator wrote.
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), "/", null, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("configuration key '" + ConnectorApi.BASE_URL + "' must be an http(s) URL, e.g. "
                    + DEFAULT_BASE_URL);
        }
    }

    private static String inboundToken(ConnectorConfig config) {
        String token = config.require(INBOUND_TOKEN);
        if (token.length() < MIN_INBOUND_TOKEN_LENGTH) {
            throw new IllegalStateException("configuration key '" + INBOUND_TOKEN + "' must be at least " + MIN_INBOUND_TOKEN_LENGTH
                    + " characters (a random string, e.g. openssl rand -hex 24), not " + token.length());
        }
        return token;
    }

    /**
     * Marketing purposes cannot be guessed: a reply withdraws {@code unsubscribePurposes}, else the
     * connector's {@code purposes}, and with neither the connector does not start.
     */
    private static List<String> unsubscribePurposes(ConnectorConfig config) {
        List<String> purposes = config.get(UNSUBSCRIBE_PURPOSES).or(() -> config.get(ConnectorApi.PURPOSES))
                .map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList())
                .orElse(List.of());
        if (purposes.isEmpty()) {
            throw new IllegalStateException("configuration key '" + UNSUBSCRIBE_PURPOSES + "' (or else '" + ConnectorApi.PURPOSES
                    + "') must name the marketing purposes an unsubscribe reply withdraws, e.g. marketing-sms");
        }
        return purposes;
    }

    /** Where SendSms is posted: the API root's scheme, host and port, path {@code /}. */
    URI endpoint() {
        return endpoint;
    }

    String secretId() {
        return secretId;
    }

    String secretKey() {
        return secretKey;
    }

    String sdkAppId() {
        return sdkAppId;
    }

    String signName() {
        return signName;
    }

    Optional<String> templateId() {
        return templateId;
    }

    String region() {
        return region;
    }

    Duration timeout() {
        return timeout;
    }

    String inboundToken() {
        return inboundToken;
    }

    List<String> unsubscribePurposes() {
        return unsubscribePurposes;
    }

    UnsubscribeKeywords keywords() {
        return keywords;
    }
}
