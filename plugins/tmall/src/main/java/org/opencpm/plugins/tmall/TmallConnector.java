package org.opencpm.plugins.tmall;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.opencpm.connectors.api.AnswerMapping;
import org.opencpm.connectors.api.ChangeBatch;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.ConnectorApi;
import org.opencpm.connectors.api.ConnectorContext;
import org.opencpm.connectors.api.ConnectorDescriptor;
import org.opencpm.connectors.api.ConnectorDescriptor.ConfigKey;
import org.opencpm.connectors.api.DeliveryVerdict;
import org.opencpm.connectors.api.IdentifierType;
import org.opencpm.connectors.api.RetryableDeliveryException;
import org.pf4j.Extension;

/**
 * The {@code tmall} connector: keeps a Tmall / Taobao shop member's marketing opt-out in step
 * with OpenCPM. TOP has no "marketing opt-out" API of its own; a shop's marketing (客户运营平台
 * campaigns, SMS to members) targets and excludes CRM groups, so the opt-out is membership of the
 * shop's opt-out group ({@code groupId}): a withdrawal (or denial, expiry) adds the member's ouid to
 * it, a grant removes it. The methods and their parameter names are configurable for shops that keep
 * the opt-out elsewhere; see the plugin's README for every key.
 *
 * <p>One change per call (TOP's calls are cheap and the per-subject order stays trivial). TOP answers
 * 200 even for errors: the route throws {@link RetryableDeliveryException} for the answers that mean
 * "later" (call limits, {@code isp.*}), and {@link #answers} makes the others dead letters with TOP's
 * code and what the operator should do.
 */
@Extension
public final class TmallConnector implements ChannelConnector {

    static final String ID = "tmall";
    /** Set on an exchange whose change has nothing to tell TOP: it is settled without a call. */
    private static final String NOTHING_TO_SEND = "opencpm.tmall.nothingToSend";

    @Override
    public ConnectorDescriptor descriptor() {
        return new ConnectorDescriptor(ID, "Tmall / Taobao Open Platform (member marketing opt-out)", "1.0.0",
                Set.of(IdentifierType.TMALL_OUID.code()),
                List.of(ConfigKey.optional(ConnectorApi.BASE_URL, "TOP's gateway root, calls go to <baseUrl>/router/rest (default "
                                + TmallSettings.DEFAULT_BASE_URL + ")"),
                        ConfigKey.required(ConnectorApi.PURPOSES, "the one purpose that means \"this shop may market to me\","
                                + " e.g. marketing-tmall: there is one opt-out group, so a grant of any other purpose would opt"
                                + " a member back in"),
                        ConfigKey.required(TmallSettings.APP_KEY, "the app's AppKey on the Taobao Open Platform"),
                        ConfigKey.secret(TmallSettings.APP_SECRET, "the app's AppSecret: the signing key"),
                        ConfigKey.secret(TmallSettings.SESSION, "the seller's session key (授权 sessionKey) for the shop"),
                        ConfigKey.optional(TmallSettings.SIGN_METHOD, "md5, hmac (HMAC-MD5) or hmac-sha256 (default hmac-sha256)"),
                        ConfigKey.required(TmallSettings.GROUP_ID, "the id of the shop's CRM group that holds the members who opted out"),
                        ConfigKey.optional(TmallSettings.OPT_OUT_METHOD, "the TOP method that opts a member out (default "
                                + TmallSettings.DEFAULT_OPT_OUT_METHOD + ")"),
                        ConfigKey.optional(TmallSettings.OPT_IN_METHOD, "the TOP method that opts a member back in (default "
                                + TmallSettings.DEFAULT_OPT_IN_METHOD + ")"),
                        ConfigKey.optional(TmallSettings.GROUP_PARAM, "the parameter that carries groupId (default "
                                + TmallSettings.DEFAULT_GROUP_PARAM + ")"),
                        ConfigKey.optional(TmallSettings.MEMBER_PARAM, "the parameter that carries the ouids (default "
                                + TmallSettings.DEFAULT_MEMBER_PARAM + ")"),
                        ConfigKey.optional(TmallSettings.TIMEOUT_MILLIS, "how long to wait to connect and for TOP's answer (default 10000)")),
                1, 0);
    }

    @Override
    public RouteBuilder routes(ConnectorContext context) {
        TmallSettings settings = TmallSettings.of(context.config());
        TopRequests requests = new TopRequests(settings, context.clock());
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(context.entryUri()).routeId(context.routeId())
                        .process(exchange -> {
                            Optional<String> form = requests.formFor(exchange.getIn().getBody(ChangeBatch.class).single());
                            exchange.getIn().removeHeaders("*");
                            exchange.setProperty(NOTHING_TO_SEND, form.isEmpty());
                            exchange.getIn().setHeader(Exchange.HTTP_METHOD, "POST");
                            exchange.getIn().setHeader(Exchange.CONTENT_TYPE, TopRequests.FORM);
                            exchange.getIn().setBody(form.orElse(""));
                        })
                        .filter(exchangeProperty(NOTHING_TO_SEND).isEqualTo(false))
                            .to(settings.endpoint())
                            .process(exchange -> {
                                String body = exchange.getMessage().getBody(String.class);
                                exchange.getMessage().setBody(body); // read once: the host reads it again for the answer mapping
                                if (TopAnswer.of(body, context.clock().instant()) instanceof TopAnswer.Busy busy) {
                                    throw new RetryableDeliveryException(busy.reason(), busy.after().orElse(null));
                                }
                            })
                        .end();
            }
        };
    }

    /**
     * TOP's refusals, which come with HTTP 200: dead letters with TOP's code and the operator's next
     * step; a call that changed nothing is settled. Any other answer is left to the host.
     */
    @Override
    public AnswerMapping answers(ConnectorContext context) {
        return answer -> {
            if (!answer.successful()) {
                return Optional.empty();
            }
            return switch (TopAnswer.of(answer.body(), context.clock().instant())) {
                case TopAnswer.Refused refused -> Optional.of(DeliveryVerdict.permanent(refused.reason()));
                case TopAnswer.Unchanged unchanged -> Optional.of(DeliveryVerdict.nothingToDo(unchanged.reason()));
                case TopAnswer.Accepted accepted -> Optional.empty();
                case TopAnswer.Busy busy -> Optional.empty(); // the route threw already: retried
            };
        };
    }
}
