package org.opencpm.application.port.in;

import java.util.List;
import org.opencpm.application.port.out.DeadLetters;
import org.opencpm.application.port.out.Delivery;
import org.opencpm.application.port.out.DeliveryStatus;
import org.opencpm.application.port.out.PluginInfo;
import org.opencpm.application.port.out.PluginReload;

/** See the connectors and their deliveries, replay dead letters, manage the plugins. */
public interface ManageConnectorsUseCase {

    List<ConnectorStatus> connectors();

    /** @throws org.opencpm.application.UnknownConnectorException when there is no such connector */
    List<Delivery> deliveries(String connectorId, DeliveryStatus status, int limit);

    /**
     * Sends dead deliveries again: those in {@code ids}, or all of the connector's when empty.
     * Those a newer change of their subject and purpose has overtaken are not sent (superseded).
     */
    DeadLetters.ReplayResult replay(String connectorId, List<Long> ids, Actor actor);

    List<PluginInfo> plugins();

    PluginReload reloadPlugins(Actor actor);

    /** @throws org.opencpm.application.UnknownPluginException when there is no such plugin */
    PluginInfo setPluginEnabled(String pluginId, boolean enabled, Actor actor);
}
