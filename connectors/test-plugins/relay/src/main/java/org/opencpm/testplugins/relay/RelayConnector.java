package org.opencpm.testplugins.relay;

import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.opencpm.connectors.api.ChangeBatch;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.ConnectorContext;
import org.opencpm.connectors.api.ConnectorDescriptor;
import org.opencpm.connectors.api.ConsentChange;
import org.pf4j.Extension;

/**
 * A second platform for the distribution's tests, beside crm-webhook: POSTs each change to
 * {@code url} as {@code subjectId;version;state;purpose}.
 */
@Extension
public final class RelayConnector implements ChannelConnector {

    @Override
    public ConnectorDescriptor descriptor() {
        return new ConnectorDescriptor("relay", "Relay (tests only)", "1.0.0", Set.of("phone"),
                List.of(ConnectorDescriptor.ConfigKey.required("url", "where changes are POSTed")), 1, 0);
    }

    @Override
    public RouteBuilder routes(ConnectorContext context) {
        String url = context.config().require("url");
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(context.entryUri()).routeId(context.routeId())
                        .process(exchange -> {
                            ConsentChange change = exchange.getIn().getBody(ChangeBatch.class).single();
                            exchange.getIn().removeHeaders("*");
                            exchange.getIn().setHeader(Exchange.HTTP_METHOD, "POST");
                            exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
                            exchange.getIn().setBody(change.subjectId() + ";" + change.version() + ";"
                                    + change.state().map(ConsentChange.State::code).orElse("") + ";" + change.purpose().orElse(""));
                        })
                        .to(url);
            }
        };
    }
}
