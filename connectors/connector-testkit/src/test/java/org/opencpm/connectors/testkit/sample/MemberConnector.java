package org.opencpm.connectors.testkit.sample;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.opencpm.connectors.api.AnswerMapping;
import org.opencpm.connectors.api.ChangeBatch;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.ConnectorApi;
import org.opencpm.connectors.api.ConnectorContext;
import org.opencpm.connectors.api.ConnectorDescriptor;
import org.opencpm.connectors.api.ConsentChange;
import org.opencpm.connectors.api.DeliveryVerdict;
import org.opencpm.connectors.api.PermanentDeliveryException;
import org.opencpm.connectors.api.SubjectIdentifier;

/**
 * A connector for a loyalty platform that knows members only by {@code member_id} and carries two
 * purposes ({@code purposes}): a change of another purpose, or of a subject without a member id,
 * is a permanent failure. The kit's suite passes it only when it uses what the partner states.
 * One change per request: {@code subjectId;version;state;purpose} as text, the API key in a header.
 * The platform answers 404 for a member whose account is closed (nothing to do), and 200
 * {@code {"accepted":false,"why":"…"}} when it refuses a change for good.
 */
public final class MemberConnector implements ChannelConnector {

    public static final String API_KEY = "apiKey";
    public static final String PURPOSES = "purposes";

    @Override
    public ConnectorDescriptor descriptor() {
        return new ConnectorDescriptor("member-points", "Member points", "1.0.0", Set.of("member_id"),
                List.of(ConnectorDescriptor.ConfigKey.secret(API_KEY, "the platform's API key"),
                        ConnectorDescriptor.ConfigKey.required(PURPOSES, "the purposes the platform takes, comma-separated")), 1, 0);
    }

    private static final Pattern WHY = Pattern.compile("\"why\":\"([^\"]*)\"");

    @Override
    public AnswerMapping answers(ConnectorContext context) {
        return answer -> {
            if (answer.status() == 404) {
                return Optional.of(DeliveryVerdict.nothingToDo("the member's account is closed"));
            }
            if (answer.successful() && answer.body().contains("\"accepted\":false")) {
                Matcher why = WHY.matcher(answer.body());
                return Optional.of(DeliveryVerdict.permanent("the platform did not accept the change" + (why.find() ? ": " + why.group(1) : "")));
            }
            return Optional.empty();
        };
    }

    @Override
    public RouteBuilder routes(ConnectorContext context) {
        String url = context.config().require(ConnectorApi.BASE_URL) + "/members/consents";
        String apiKey = context.config().require(API_KEY);
        Set<String> purposes = Set.of(context.config().require(PURPOSES).split(","));
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(context.entryUri()).routeId(context.routeId())
                        .process(exchange -> {
                            ConsentChange change = exchange.getIn().getBody(ChangeBatch.class).single();
                            String purpose = change.purpose().orElse("");
                            if (!purposes.contains(purpose)) {
                                throw new PermanentDeliveryException("the platform takes no purpose " + purpose);
                            }
                            String member = change.identifiers().stream().filter(i -> i.type().equals("member_id"))
                                    .map(SubjectIdentifier::value).findFirst()
                                    .orElseThrow(() -> new PermanentDeliveryException("subject " + change.subjectId() + " has no member id"));
                            exchange.getIn().removeHeaders("*");
                            exchange.getIn().setHeader(Exchange.HTTP_METHOD, "POST");
                            exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
                            exchange.getIn().setHeader("X-Api-Key", apiKey);
                            exchange.getIn().setBody(change.subjectId() + ";" + change.version() + ";"
                                    + change.state().map(ConsentChange.State::code).orElse("") + ";" + purpose + ";" + member);
                        })
                        .to(url);
            }
        };
    }
}
