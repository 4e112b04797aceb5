package org.opencpm.connectors.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.opencpm.application.port.out.ConnectorInfo;
import org.opencpm.application.port.out.ConsentChange;

/** The connectors the host knows, by id, in whatever state each is; read by any thread, changed under the host's lock. */
final class ConnectorRegistry {

    private final Map<String, Connector> byId = new ConcurrentHashMap<>();

    Connector register(Connector connector) {
        byId.put(connector.id(), connector);
        return connector;
    }

    Optional<Connector> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    void remove(String id) {
        byId.remove(id);
    }

    List<Connector> all() {
        return List.copyOf(byId.values());
    }

    List<Connector> ofPlugin(String pluginId) {
        return byId.values().stream().filter(c -> c.pluginId().equals(pluginId)).sorted(Comparator.comparing(Connector::id)).toList();
    }

    List<ConnectorInfo> infos() {
        return byId.values().stream().map(Connector::info).sorted(Comparator.comparing(ConnectorInfo::id)).toList();
    }

    List<String> subscribersOf(ConsentChange change) {
        List<String> subscribers = new ArrayList<>(2);
        for (Connector connector : byId.values()) {
            if (connector.subscribes(change)) {
                subscribers.add(connector.id());
            }
        }
        return subscribers;
    }

    /** Makes the connector's dispatcher look for work now. */
    void wakeUp(String connectorId) {
        get(connectorId).flatMap(Connector::running).ifPresent(running -> running.dispatcher().wakeUp());
    }

    void clear() {
        byId.clear();
    }
}
