package org.opencpm.plugins.douyin;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.RoutePolicySupport;
import org.opencpm.connectors.api.ChangeBatch;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.ConnectorApi;
import org.opencpm.connectors.api.ConnectorConfig;
import org.opencpm.connectors.api.ConnectorContext;
import org.opencpm.connectors.api.ConnectorDescriptor;
import org.opencpm.connectors.api.ConnectorDescriptor.ConfigKey;
import org.opencpm.connectors.api.IdentifierType;
import org.opencpm.connectors.api.Reconciler;
import org.pf4j.Extension;

/**
 * The {@code douyin} connector: one purpose's consents kept in step with one Ocean Engine DMP data
 * source, change by change, and — every {@code reconcile.intervalHours} the operator sets — reset
 * to the purpose's whole current audience (see the package documentation and README.md for the
 * platform's calls and limits).
 */
@Extension
public final class DouyinConnector implements ChannelConnector {

    static final String ID = "douyin";
    static final String DEFAULT_BASE_URL = "https://ad.oceanengine.com";
    static final String ADVERTISER_ID = "advertiserId";
    static final String ACCESS_TOKEN = "accessToken";
    static final String REFRESH_TOKEN = "refreshToken";
    static final String APP_ID = "appId";
    static final String SECRET = "secret";
    static final String DATA_SOURCE_ID = "dataSourceId";
    static final String CUSTOM_AUDIENCE_IDS = "customAudienceIds";
    /** Ocean Engine takes up to 1000 file paths per update, and this many ids per batch keeps one file small. */
    static final int DEFAULT_BATCH_SIZE = 1000;
    /** As long as the host lets a batch fill: a data source takes 50 updates a day. */
    static final long DEFAULT_BATCH_WINDOW_MILLIS = 60_000;

    @Override
    public ConnectorDescriptor descriptor() {
        return new ConnectorDescriptor(ID, "Douyin / Ocean Engine DMP custom audience", "1.0.0", Set.of(IdentifierType.PHONE.code()),
                List.of(ConfigKey.optional(ConnectorApi.BASE_URL, "Ocean Engine's API root (default " + DEFAULT_BASE_URL + ")"),
                        ConfigKey.required(ConnectorApi.PURPOSES, "the one purpose (or the purposes that all mean the same"
                                + " audience) whose grants join the data source and whose withdrawals leave it, e.g. marketing-ads"),
                        ConfigKey.required(ADVERTISER_ID, "the advertiser (广告主) id owning the data source"),
                        ConfigKey.required(DATA_SOURCE_ID, "the DMP data source (数据源) kept in step"),
                        ConfigKey.optional(CUSTOM_AUDIENCE_IDS, "comma-separated custom audience (人群包) ids published again after"
                                + " each update so that they take it (default none: publish them yourself)"),
                        ConfigKey.required(APP_ID, "the developer app id, for the OAuth2 token refresh"),
                        ConfigKey.secret(SECRET, "the developer app secret, for the OAuth2 token refresh"),
                        ConfigKey.secret(ACCESS_TOKEN, "the advertiser's OAuth2 access token (lives 24 h; refreshed when it expires)"),
                        ConfigKey.secret(REFRESH_TOKEN, "the OAuth2 refresh token that goes with it (rotates at each refresh)"),
                        ConfigKey.optional(ConnectorApi.BATCH_SIZE, "changes per data-source update (default " + DEFAULT_BATCH_SIZE + ")"),
                        ConfigKey.optional(ConnectorApi.BATCH_WINDOW_MILLIS, "how long a batch fills, in ms (default "
                                + DEFAULT_BATCH_WINDOW_MILLIS + ")")),
                DEFAULT_BATCH_SIZE, DEFAULT_BATCH_WINDOW_MILLIS);
    }

    /**
     * The data-source sync the routes of the latest start built: that start's reconciler resets
     * through it, so that a reset and the changes share one access token (refresh tokens rotate: two
     * holders would spend each other's) and the route's HTTP client.
     */
    private final AtomicReference<AudienceSync> started = new AtomicReference<>();

    @Override
    public RouteBuilder routes(ConnectorContext context) {
        ConnectorConfig config = context.config();
        String advertiserId = number(config, ADVERTISER_ID);
        String appId = number(config, APP_ID);
        String dataSourceId = config.require(DATA_SOURCE_ID);
        List<String> audiences = config.get(CUSTOM_AUDIENCE_IDS).map(ids -> Arrays.stream(ids.split(",")).map(String::strip)
                .filter(id -> !id.isEmpty()).toList()).orElse(List.of());
        audiences.forEach(id -> requireNumber(CUSTOM_AUDIENCE_IDS, id));
        AccessTokens tokens = new AccessTokens(ID, new AccessTokens.Pair(config.require(ACCESS_TOKEN), config.require(REFRESH_TOKEN)));
        String baseUrl = config.get(ConnectorApi.BASE_URL).orElse(DEFAULT_BASE_URL);
        String secret = config.require(SECRET);
        return new RouteBuilder() {
            @Override
            public void configure() {
                ProducerTemplate http = getContext().createProducerTemplate();
                AudienceSync sync = new AudienceSync(new OceanEngine(http, baseUrl, advertiserId, appId, secret, tokens), dataSourceId, audiences);
                started.set(sync);
                from(context.entryUri()).routeId(context.routeId())
                        .routePolicy(new RoutePolicySupport() {
                            @Override
                            public void onRemove(Route route) {
                                http.stop(); // the template's producers live as long as the route
                            }
                        })
                        .process(exchange -> sync.apply(exchange.getIn().getBody(ChangeBatch.class)));
            }
        };
    }

    /** The reset of the data source to the audience of the connector's purposes ({@code operation_type} 3), through this start's routes. */
    @Override
    public Optional<Reconciler> reconciler(ConnectorContext context) {
        AudienceSync sync = Objects.requireNonNull(started.get(), "the routes are built before the reconciler");
        return Optional.of(sync::reset);
    }

    private static String number(ConnectorConfig config, String key) {
        return requireNumber(key, config.require(key));
    }

    private static String requireNumber(String key, String value) {
        if (!value.matches("\\d{1,19}")) {
            throw new IllegalStateException("configuration key '" + key + "' must be a numeric id");
        }
        return value;
    }
}
