package org.opencpm.application.port.out;

import java.util.List;
import java.util.Optional;
import org.opencpm.application.port.in.CallbackRequest;

/** The connectors and the plugins that bring them, as the connector runtime runs them. */
public interface ConnectorRuntime {

    /** No plugins, no connectors. */
    ConnectorRuntime NONE = new ConnectorRuntime() {
        @Override
        public List<ConnectorInfo> connectors() {
            return List.of();
        }

        @Override
        public List<PluginInfo> plugins() {
            return List.of();
        }

        @Override
        public PluginReload reloadPlugins() {
            return new PluginReload(List.of(), List.of(), List.of());
        }

        @Override
        public Optional<PluginInfo> setPluginEnabled(String pluginId, boolean enabled) {
            return Optional.empty();
        }

        @Override
        public Optional<InboundOutcome> inbound(CallbackRequest request) {
            return Optional.empty();
        }
    };

    List<ConnectorInfo> connectors();

    List<PluginInfo> plugins();

    /** Finds plugins added to the plugins folder since the last look, and starts them. */
    PluginReload reloadPlugins();

    /** Enables (starts) or disables (stops) a plugin; empty when there is no such plugin. */
    Optional<PluginInfo> setPluginEnabled(String pluginId, boolean enabled);

    /** Hands a callback to its connector's inbound handler; empty when no running connector takes callbacks by that id. */
    Optional<InboundOutcome> inbound(CallbackRequest request);
}
