package org.opencpm.testfixtures;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.opencpm.application.port.in.CallbackRequest;
import org.opencpm.application.port.out.ConnectorInfo;
import org.opencpm.application.port.out.ConnectorRuntime;
import org.opencpm.application.port.out.InboundOutcome;
import org.opencpm.application.port.out.PluginInfo;
import org.opencpm.application.port.out.PluginReload;

/** A connector runtime a test can swap after the use cases were wired. */
final class DelegatingRuntime implements ConnectorRuntime {

    private final Supplier<ConnectorRuntime> current;

    DelegatingRuntime(Supplier<ConnectorRuntime> current) {
        this.current = current;
    }

    @Override
    public List<ConnectorInfo> connectors() {
        return current.get().connectors();
    }

    @Override
    public List<PluginInfo> plugins() {
        return current.get().plugins();
    }

    @Override
    public PluginReload reloadPlugins() {
        return current.get().reloadPlugins();
    }

    @Override
    public Optional<PluginInfo> setPluginEnabled(String pluginId, boolean enabled) {
        return current.get().setPluginEnabled(pluginId, enabled);
    }

    @Override
    public Optional<InboundOutcome> inbound(CallbackRequest request) {
        return current.get().inbound(request);
    }
}
