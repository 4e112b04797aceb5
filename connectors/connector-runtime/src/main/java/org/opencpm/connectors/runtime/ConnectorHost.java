package org.opencpm.connectors.runtime;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.opencpm.application.port.in.CallbackRequest;
import org.opencpm.application.port.in.WalkConsentersUseCase;
import org.opencpm.application.port.out.ConnectorInfo;
import org.opencpm.application.port.out.ConnectorRuntime;
import org.opencpm.application.port.out.ConnectorSubscriptions;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.DeliveryQueue;
import org.opencpm.application.port.out.DeliveryRetention;
import org.opencpm.application.port.out.InboundOutcome;
import org.opencpm.application.port.out.MessageGateway;
import org.opencpm.application.port.out.MessageGateways;
import org.opencpm.application.port.out.PluginInfo;
import org.opencpm.application.port.out.PluginReload;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.InboundRequest;
import org.opencpm.connectors.api.InboundResponse;

/**
 * Runs the connector plugins: the application's view of them. It puts together the pieces that do
 * the work — the {@link CamelTransport} the routes run in, the {@link PluginLifecycle} under PF4J,
 * the {@link ConnectorLauncher} that turns a connector and its configuration into a route and a
 * {@link Dispatcher}, the {@link ConnectorRegistry} of every connector and its state, and the
 * hourly {@link ReceiptHousekeeping}, the scheduled {@link Reconciliations} — and hands callbacks to their
 * connector, and messages to send to the connectors that are send gateways ({@link PluginGateway}).
 *
 * <p>A plugin's code is always called with the plugin's class loader as the thread's context class
 * loader, and its start, descriptor and route building within {@link RuntimeSettings#startTimeout()}:
 * a plugin that throws or hangs there is marked failed, its routes removed, and every other
 * connector runs on. The deliveries of a failed connector that is enabled keep being written, and
 * wait for it.
 */
public final class ConnectorHost implements ConnectorRuntime, ConnectorSubscriptions, MessageGateways, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ConnectorHost.class.getName());

    /** The plugin id of connectors started from the class path. */
    public static final String EMBEDDED = "embedded";

    private final RuntimeSettings settings;
    private final DeliveryQueue queue;
    private final Clock clock;
    private final InboundCommands inboundCommands;
    private final CallbackFailureLog callbackFailures;
    private final CamelTransport camel = new CamelTransport();
    private final ConnectorRegistry registry = new ConnectorRegistry();
    private final ConnectorLauncher launcher;
    private final PluginLifecycle plugins;
    private final ReceiptHousekeeping housekeeping;
    private final Reconciliations reconciliations;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    ConnectorHost(RuntimeSettings settings, DeliveryQueue queue, DeliveryRetention retention, IdentifierResolver identifiers,
                  InboundCommands inboundCommands, Clock clock, Function<String, String> environment, ReconcileSchedule schedule) {
        this.settings = settings;
        this.queue = queue;
        this.clock = clock;
        this.inboundCommands = inboundCommands;
        this.callbackFailures = new CallbackFailureLog(clock, line -> LOG.warning(line));
        PluginCalls calls = new PluginCalls(settings.startTimeout());
        this.reconciliations = new Reconciliations(schedule, identifiers);
        this.launcher = new ConnectorLauncher(settings, queue, identifiers, clock, environment, camel, calls, registry, reconciliations);
        this.plugins = new PluginLifecycle(settings, registry, launcher, calls, camel);
        this.housekeeping = new ReceiptHousekeeping(retention, clock, settings.receiptRetention());
    }

    /**
     * Starts the runtime: loads every plugin in the plugins folder and starts its connectors.
     *
     * @param retention      purges old delivery receipts, once an hour
     * @param identifiers    opens the identifiers a connector needs
     * @param inboundCommands turns a connector's consent commands into the application's
     */
    public static ConnectorHost start(RuntimeSettings settings, DeliveryQueue queue, DeliveryRetention retention,
                                      IdentifierResolver identifiers, InboundCommands inboundCommands, Clock clock) {
        ConnectorHost host = new ConnectorHost(settings, queue, retention, identifiers, inboundCommands, clock, System::getenv,
                ReconcileSchedule.onThreads());
        host.releaseOwnLeases();
        host.reloadPlugins();
        host.housekeeping.start();
        return host;
    }

    /**
     * A host running the given connectors from the class path (no plugin folder), configured from
     * {@code settings.configDir()} like plugged-in ones: what the connector test kit runs a
     * partner's connector in, so that it meets the same dispatcher, retries and batching.
     */
    public static ConnectorHost startEmbedded(RuntimeSettings settings, DeliveryQueue queue, IdentifierResolver identifiers,
                                              Clock clock, List<ChannelConnector> embedded) {
        return startEmbedded(settings, queue, identifiers, clock, embedded, ReconcileSchedule.onThreads());
    }

    /** An embedded host whose reconciliations run on {@code schedule} (a test's). */
    static ConnectorHost startEmbedded(RuntimeSettings settings, DeliveryQueue queue, IdentifierResolver identifiers, Clock clock,
                                       List<ChannelConnector> embedded, ReconcileSchedule schedule) {
        // no receipts are purged: an embedded host never starts its housekeeping
        ConnectorHost host = new ConnectorHost(settings, queue, olderThan -> 0, identifiers, new InboundCommands(), clock, System::getenv,
                schedule);
        host.releaseOwnLeases();
        for (ChannelConnector connector : embedded) {
            host.launcher.launch(EMBEDDED, connector, connector.getClass().getClassLoader());
        }
        return host;
    }

    /** This node has just started: nothing it had claimed is being sent any more. */
    private void releaseOwnLeases() {
        int released = queue.release(settings.nodeId(), clock.instant());
        if (released > 0) {
            LOG.info(() -> released + " deliveries this node (" + settings.nodeId() + ") had in flight when it stopped are due again");
        }
    }

    // ------------------------------------------------------------------ plugins

    /** Runs {@code listener} after each reload, enable or disable (to publish metrics for new connectors, say). */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    private void changed() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a connector change listener failed", e);
            }
        }
    }

    /**
     * Makes the running plugins what the plugins folder holds — new ones started, upgraded ones
     * replaced, removed ones stopped — and restarts the connectors whose configuration changed.
     */
    @Override
    public PluginReload reloadPlugins() {
        PluginReload reload;
        synchronized (this) {
            reload = plugins.reload();
        }
        changed();
        return reload;
    }

    @Override
    public Optional<PluginInfo> setPluginEnabled(String pluginId, boolean enabled) {
        boolean found;
        synchronized (this) {
            found = plugins.setEnabled(pluginId, enabled);
        }
        changed();
        return found ? plugins().stream().filter(p -> p.id().equals(pluginId)).findFirst() : Optional.empty();
    }

    @Override
    public List<PluginInfo> plugins() {
        return PluginReport.of(plugins, registry);
    }

    // ------------------------------------------------------------------ connectors

    @Override
    public List<ConnectorInfo> connectors() {
        return registry.infos();
    }

    @Override
    public List<String> subscribersOf(ConsentChange change) {
        return registry.subscribersOf(change);
    }

    /** Changes for these connectors were just committed: their dispatchers look for them now, not at the next poll. */
    @Override
    public void committed(List<String> connectorIds) {
        connectorIds.forEach(registry::wakeUp);
    }

    /** Makes the connector's dispatcher look for work now (after a replay). */
    public void wakeUp(String connectorId) {
        registry.wakeUp(connectorId);
    }

    @Override
    public Optional<InboundOutcome> inbound(CallbackRequest request) {
        Optional<Connector> found = registry.get(request.connectorId());
        Optional<Connector.Running> running = found.flatMap(Connector::running);
        if (running.isEmpty() || running.get().inbound().isEmpty()) {
            return Optional.empty();
        }
        Connector connector = found.get();
        Scrubber scrubber = connector.origin().scrubber();
        ClassLoader loader = connector.origin().loader();
        InboundRequest forPlugin = new InboundRequest(request.path(), request.method(), request.query(), request.headers(), request.body());
        InboundResponse response;
        try {
            response = PluginCalls.withContextLoader(loader,
                    () -> Objects.requireNonNull(running.get().inbound().get().handle(forPlugin), "its handler returned no response"));
        } catch (Exception | LinkageError e) {
            callbackFailures.failed(connector.id(), "connector " + connector.id() + " failed on a callback: "
                    + scrubber.scrub(PluginCalls.message(e)));
            return Optional.of(InboundOutcome.answered(500, "application/json",
                    "{\"error\":\"the connector failed on this callback\"}".getBytes(StandardCharsets.UTF_8)));
        }
        InboundAnswers.PluginCall plugin = new InboundAnswers.PluginCall() {
            @Override
            public <T> T call(Callable<T> work) throws Exception {
                return PluginCalls.withContextLoader(loader, work);
            }
        };
        return Optional.of(new InboundOutcome(inboundCommands.toEvents(connector.id(), response.commands()),
                InboundAnswers.of(connector.id(), response, plugin, scrubber)));
    }

    // ------------------------------------------------------------------ reconciliations

    /**
     * Where reconciliations read their audience: given once the decision index is loaded (until
     * then a scheduled run fails, saying so, and the next interval tries again).
     */
    public void reconcileWith(WalkConsentersUseCase consenters) {
        reconciliations.feedFrom(consenters);
    }

    /**
     * Runs a connector's reconciler now, on this thread, as its schedule would (the test kit's
     * {@code harness.reconcile()}).
     *
     * @return how many people the audience held
     * @throws IllegalStateException when the connector does not run, has no reconciler, or the run
     *         failed or found another under way (the message carries no secret)
     */
    public long reconcile(String connectorId) {
        return registry.get(connectorId).flatMap(Connector::running).flatMap(Connector.Running::reconciliation)
                .orElseThrow(() -> new IllegalStateException("connector " + connectorId + " does not run or has no reconciler"))
                .run();
    }

    @Override
    public Optional<MessageGateway> gateway(String connectorId) {
        return registry.get(connectorId).filter(c -> c.subscription().enabled()).flatMap(Connector::running)
                .flatMap(Connector.Running::gateway);
    }

    @Override
    public synchronized void close() {
        housekeeping.close();
        reconciliations.close();
        registry.all().forEach(c -> c.running().ifPresent(r -> r.dispatcher().close()));
        registry.clear();
        try {
            camel.close();
        } finally {
            plugins.close();
        }
    }
}
