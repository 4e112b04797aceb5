package org.opencpm.plugins.crmwebhook;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.opencpm.connectors.api.AnswerMapping;
import org.opencpm.connectors.api.ChangeBatch;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.ConnectorApi;
import org.opencpm.connectors.api.ConnectorConfig;
import org.opencpm.connectors.api.ConnectorContext;
import org.opencpm.connectors.api.ConnectorDescriptor;
import org.opencpm.connectors.api.ConnectorDescriptor.ConfigKey;
import org.opencpm.connectors.api.DeliveryVerdict;
import org.opencpm.connectors.api.InboundHandler;
import org.pf4j.Extension;

/**
 * The {@code crm-webhook} connector. Configuration ({@code conf/connectors/crm-webhook.properties}):
 * {@code url} (where events are POSTed), {@code secret} (the HMAC key; {@code env:NAME} reads it
 * from the environment), {@code batch.size} (1 = one event per request), {@code batch.windowMillis},
 * {@code purposes} (default: all), {@code source} (the CloudEvents source, default {@code urn:opencpm}),
 * {@code answers.nothingToDo} (HTTP statuses with which the CRM says a change is nothing to it,
 * e.g. {@code 404,410} for a person it does not know: settled, neither retried nor dead).
 */
@Extension
public final class CrmWebhookConnector implements ChannelConnector {

    static final String ID = "crm-webhook";
    static final String URL = "url";
    static final String SECRET = "secret";
    static final String SOURCE = "source";
    static final String TIMEOUT_MILLIS = "timeoutMillis";
    static final String NOTHING_TO_DO = "answers.nothingToDo";

    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    @Override
    public ConnectorDescriptor descriptor() {
        return new ConnectorDescriptor(ID, "CRM / CDP / marketing automation webhook", "1.0.0",
                Set.of("phone", "email", "crm_id", "member_id", "wechat_unionid", "wechat_openid", "douyin_openid", "tmall_ouid",
                        "device_id"),
                List.of(ConfigKey.required(URL, "where the CloudEvents are POSTed, e.g. https://crm.example.com/opencpm/events"),
                        ConfigKey.secret(SECRET, "the HMAC-SHA-256 key both sides sign with"),
                        ConfigKey.optional(ConnectorApi.BATCH_SIZE, "events per request; 1 = one event per request (default)"),
                        ConfigKey.optional(SOURCE, "the CloudEvents source attribute (default urn:opencpm)"),
                        ConfigKey.optional(TIMEOUT_MILLIS, "how long to wait to connect and for the answer (default 10000)"),
                        ConfigKey.optional(NOTHING_TO_DO, "HTTP statuses, comma-separated, with which the CRM says it has nothing to do"
                                + " with a change (404,410 for a person it does not know): settled, neither retried nor dead (default none)")),
                1, 500);
    }

    @Override
    public RouteBuilder routes(ConnectorContext context) {
        ConnectorConfig config = context.config();
        long timeout = config.getLong(TIMEOUT_MILLIS, 10_000);
        // A CRM that does not answer in time counts as failed (and is retried), never as a hung route.
        String url = config.require(URL) + (config.require(URL).contains("?") ? "&" : "?")
                + "connectTimeout=" + timeout + "&responseTimeout=" + timeout + "&connectionRequestTimeout=" + timeout;
        String secret = config.require(SECRET);
        boolean batched = context.batchSize() > 1;
        CloudEvents events = new CloudEvents(JSON, config.get(SOURCE).orElse("urn:opencpm"));
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(context.entryUri()).routeId(context.routeId())
                        .process(exchange -> {
                            ChangeBatch batch = exchange.getIn().getBody(ChangeBatch.class);
                            String body = batched ? events.batch(batch) : events.single(batch.single());
                            long timestamp = context.clock().instant().getEpochSecond();
                            exchange.getIn().removeHeaders("*");
                            exchange.getIn().setHeader(Exchange.HTTP_METHOD, "POST");
                            exchange.getIn().setHeader(Exchange.CONTENT_TYPE, (batched ? CloudEvents.BATCH : CloudEvents.SINGLE) + "; charset=utf-8");
                            exchange.getIn().setHeader(Signing.TIMESTAMP, Long.toString(timestamp));
                            exchange.getIn().setHeader(Signing.SIGNATURE, Signing.sign(secret, timestamp, body));
                            exchange.getIn().setBody(body);
                        })
                        .to(url);
            }
        };
    }

    @Override
    public AnswerMapping answers(ConnectorContext context) {
        Set<Integer> statuses = nothingToDo(context.config());
        if (statuses.isEmpty()) {
            return AnswerMapping.STANDARD;
        }
        return answer -> statuses.contains(answer.status())
                ? Optional.of(DeliveryVerdict.nothingToDo("the CRM answered HTTP " + answer.status() + " (" + NOTHING_TO_DO + ")"))
                : Optional.empty();
    }

    private static Set<Integer> nothingToDo(ConnectorConfig config) {
        String statuses = config.get(NOTHING_TO_DO).orElse("");
        try {
            Set<Integer> out = java.util.Arrays.stream(statuses.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .map(Integer::valueOf).collect(Collectors.toSet());
            if (out.stream().anyMatch(status -> status < 100 || status > 599)) {
                throw new NumberFormatException();
            }
            return out;
        } catch (NumberFormatException e) {
            throw new IllegalStateException("configuration key '" + NOTHING_TO_DO + "' must list HTTP statuses, e.g. 404,410");
        }
    }

    @Override
    public Optional<InboundHandler> inbound(ConnectorContext context) {
        return Optional.of(new InboundEvents(context.config(), context.clock()));
    }
}
