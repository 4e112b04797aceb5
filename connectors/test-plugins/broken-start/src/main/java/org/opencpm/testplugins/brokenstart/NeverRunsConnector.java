package org.opencpm.testplugins.brokenstart;

import java.util.List;
import java.util.Set;
import org.apache.camel.builder.RouteBuilder;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.ConnectorContext;
import org.opencpm.connectors.api.ConnectorDescriptor;
import org.pf4j.Extension;

/** The connector of a plugin that never starts: its routes are never asked for. */
@Extension
public final class NeverRunsConnector implements ChannelConnector {

    @Override
    public ConnectorDescriptor descriptor() {
        return new ConnectorDescriptor("never-runs", "Never runs", "1.0.0", Set.of("phone"), List.of(), 1, 0);
    }

    @Override
    public RouteBuilder routes(ConnectorContext context) {
        throw new AssertionError("a plugin that did not start must not be asked for routes");
    }
}
