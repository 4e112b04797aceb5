package org.opencpm.connectors.runtime;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.opencpm.application.port.out.ConnectorInfo;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.ConnectorDescriptor;
import org.opencpm.connectors.api.InboundHandler;
import org.opencpm.application.port.out.MessageGateway;

/**
 * One connector as the host holds it: where it comes from, what it is subscribed to, and its state
 * — running (with its dispatcher, routes and callback handler), disabled by its configuration,
 * paused with its plugin, or failed (with the reason). Made through the factories, one per state.
 *
 * @param origin       which plugin brought it, and how to call its code
 * @param subscription whether its configuration enables it, and for which purposes
 * @param state        what it does now
 * @param problem      why it does not run (failed), or what it waits for (paused)
 * @param running      its dispatcher, routes, callback handler and reconciliation, when it runs
 * @param applied      the configuration it was started with, to tell when the file has changed since
 */
record Connector(Origin origin, Subscription subscription, ConnectorInfo.State state, Optional<String> problem,
                 Optional<Running> running, ConfigFingerprint applied) {

    /**
     * Where a connector comes from: its plugin, the extension itself (to start it again when its
     * configuration changes; none for a connector known only from the paused list), and what it
     * keeps out of logs.
     */
    record Origin(String id, String pluginId, Optional<ConnectorDescriptor> descriptor, Optional<ChannelConnector> source,
                  ClassLoader loader, Scrubber scrubber) {

        Origin withScrubber(Scrubber other) {
            return new Origin(id, pluginId, descriptor, source, loader, other);
        }
    }

    /** Whether the connector's configuration enables it, and for which purposes (none: all). */
    record Subscription(boolean enabled, Set<String> purposes) {
        static final Subscription NONE = new Subscription(false, Set.of());

        Subscription {
            purposes = Set.copyOf(purposes);
        }
    }

    /** What a running connector has in the host. */
    record Running(Dispatcher dispatcher, Optional<InboundHandler> inbound, Optional<MessageGateway> gateway,
                   Optional<Reconciliation> reconciliation, List<String> routeIds) {
        Running {
            routeIds = List.copyOf(routeIds);
        }
    }

    static Connector running(Origin origin, Subscription subscription, Running running, ConfigFingerprint applied) {
        return new Connector(origin, subscription, ConnectorInfo.State.RUNNING, Optional.empty(), Optional.of(running), applied);
    }

    /**
     * A connector that cannot run, isolated; when its configuration enables it, it keeps its
     * subscription, and its changes wait for it to be fixed.
     */
    static Connector failed(Origin origin, Subscription subscription, String problem, ConfigFingerprint applied) {
        return new Connector(origin, subscription, ConnectorInfo.State.FAILED, Optional.of(origin.scrubber().scrub(problem)),
                Optional.empty(), applied);
    }

    /** A connector whose plugin an operator disabled: stopped; still subscribed when enabled, its changes waiting. */
    static Connector paused(Origin origin, Subscription subscription, ConfigFingerprint applied) {
        return new Connector(origin, subscription, ConnectorInfo.State.PAUSED, Optional.of("its plugin is disabled; changes wait for it"),
                Optional.empty(), applied);
    }

    /** A connector its configuration does not enable: it gets no changes. */
    static Connector disabled(Origin origin, Subscription subscription, ConfigFingerprint applied) {
        return new Connector(origin, subscription, ConnectorInfo.State.DISABLED, Optional.empty(), Optional.empty(), applied);
    }

    String id() {
        return origin.id();
    }

    String pluginId() {
        return origin.pluginId();
    }

    ConnectorInfo info() {
        Optional<ConnectorDescriptor> descriptor = origin.descriptor();
        return new ConnectorInfo(id(), descriptor.map(ConnectorDescriptor::name).orElse(id()),
                descriptor.map(ConnectorDescriptor::version).orElse("?"), pluginId(), state, problem);
    }

    boolean subscribes(ConsentChange change) {
        return subscription.enabled() && state != ConnectorInfo.State.DISABLED
                && (subscription.purposes().isEmpty()
                    || change.purpose().map(p -> subscription.purposes().contains(p.value())).orElse(true));
    }

    /** Stops its reconciliation and its dispatcher (what it claimed is sent and recorded first), and removes its routes. */
    void stop(CamelTransport camel) {
        running.ifPresent(r -> {
            r.reconciliation().ifPresent(Reconciliation::close);
            r.dispatcher().close();
            r.routeIds().forEach(camel::remove);
        });
    }
}
