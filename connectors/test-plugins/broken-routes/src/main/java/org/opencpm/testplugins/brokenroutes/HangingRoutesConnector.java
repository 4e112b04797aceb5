package org.opencpm.testplugins.brokenroutes;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.RouteBuilder;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.ConnectorContext;
import org.opencpm.connectors.api.ConnectorDescriptor;
import org.pf4j.Extension;

/**
 * A connector that hangs when asked for its routes (waiting on a platform that never answers) and
 * ignores being interrupted — the worst a plugin can do. It gives up after ten minutes so a test
 * JVM is not held forever.
 */
@Extension
public final class HangingRoutesConnector implements ChannelConnector {

    @Override
    public ConnectorDescriptor descriptor() {
        return new ConnectorDescriptor("hanging-routes", "Hangs while its routes are built", "1.0.0", Set.of("phone"), List.of(), 1, 0);
    }

    @Override
    public RouteBuilder routes(ConnectorContext context) {
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < until) {
            try {
                TimeUnit.SECONDS.sleep(1);
            } catch (InterruptedException ignored) {
                // a hung plugin does not listen
            }
        }
        throw new IllegalStateException("gave up hanging");
    }
}
