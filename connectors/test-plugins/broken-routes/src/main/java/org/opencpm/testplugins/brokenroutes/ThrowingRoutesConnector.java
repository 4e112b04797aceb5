package org.opencpm.testplugins.brokenroutes;

import java.util.List;
import java.util.Set;
import org.apache.camel.builder.RouteBuilder;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.ConnectorContext;
import org.opencpm.connectors.api.ConnectorDescriptor;
import org.pf4j.Extension;

/** A connector whose route building throws (a bad endpoint URI, a missing component). */
@Extension
public final class ThrowingRoutesConnector implements ChannelConnector {

    @Override
    public ConnectorDescriptor descriptor() {
        return new ConnectorDescriptor("throwing-routes", "Throws while its routes are built", "1.0.0", Set.of("phone"), List.of(), 1, 0);
    }

    @Override
    public RouteBuilder routes(ConnectorContext context) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(context.entryUri()).routeId(context.routeId()).to("no-such-component:anywhere");
            }
        };
    }
}
