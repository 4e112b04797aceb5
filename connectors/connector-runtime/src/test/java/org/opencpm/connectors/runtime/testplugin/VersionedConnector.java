package org.opencpm.connectors.runtime.testplugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.apache.camel.builder.RouteBuilder;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.ConnectorContext;
import org.opencpm.connectors.api.ConnectorDescriptor;
import org.opencpm.connectors.api.ConnectorDescriptor.ConfigKey;

/**
 * The connector of the plugin files {@code PluginFiles} builds: its version is the one written in
 * the plugin jar it is loaded from ({@code versioned.version}), so a test sees which file runs.
 */
public final class VersionedConnector implements ChannelConnector {

    @Override
    public ConnectorDescriptor descriptor() {
        try (InputStream in = VersionedConnector.class.getResourceAsStream("/versioned.version")) {
            String version = in == null ? "not-from-a-plugin" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            return new ConnectorDescriptor("versioned", "Versioned", version, Set.of(),
                    List.of(ConfigKey.optional("greeting", "said in the log")), 1, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public RouteBuilder routes(ConnectorContext context) {
        return new Routes(context);
    }

    private static final class Routes extends RouteBuilder {
        private final ConnectorContext context;

        Routes(ConnectorContext context) {
            this.context = context;
        }

        @Override
        public void configure() {
            from(context.entryUri()).routeId(context.routeId()).log("sent");
        }
    }
}
