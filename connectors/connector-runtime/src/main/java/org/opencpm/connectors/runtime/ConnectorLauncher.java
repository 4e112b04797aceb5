package org.opencpm.connectors.runtime;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;
import org.apache.camel.builder.RouteBuilder;
import org.opencpm.application.port.out.DeliveryQueue;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.ConnectorConfig;
import org.opencpm.connectors.api.ConnectorContext;
import org.opencpm.connectors.api.ConnectorDescriptor;
import org.opencpm.connectors.api.HostKey;
import org.opencpm.connectors.api.InboundHandler;
import org.opencpm.connectors.api.MessageSender;
import org.opencpm.application.port.out.MessageGateway;
import org.opencpm.connectors.api.Reconciler;

/**
 * Turns a connector and its configuration into a running route and dispatcher — or, when it
 * cannot run, into a connector that says why: its descriptor threw, its id is taken, its
 * configuration is not enabled, lacks a required key or has a host key that is wrong, or its
 * routes threw or hung. Whatever it ends in is registered, except a connector whose id another
 * plugin has.
 */
final class ConnectorLauncher {

    private static final Logger LOG = Logger.getLogger(ConnectorLauncher.class.getName());

    private final RuntimeSettings settings;
    private final DeliveryQueue queue;
    private final IdentifierResolver identifiers;
    private final Clock clock;
    private final Function<String, String> environment;
    private final CamelTransport camel;
    private final PluginCalls calls;
    private final ConnectorRegistry registry;
    private final Reconciliations reconciliations;

    ConnectorLauncher(RuntimeSettings settings, DeliveryQueue queue, IdentifierResolver identifiers, Clock clock,
                      Function<String, String> environment, CamelTransport camel, PluginCalls calls, ConnectorRegistry registry,
                      Reconciliations reconciliations) {
        this.settings = settings;
        this.queue = queue;
        this.identifiers = identifiers;
        this.clock = clock;
        this.environment = environment;
        this.camel = camel;
        this.calls = calls;
        this.registry = registry;
        this.reconciliations = reconciliations;
    }

    /** Starts {@code connector} of plugin {@code pluginId}, whose code loads from {@code loader}. */
    Connector launch(String pluginId, ChannelConnector connector, ClassLoader loader) {
        Scrubber none = new Scrubber(Set.of());
        ConnectorDescriptor descriptor;
        try {
            descriptor = calls.withTimeout(loader, "descriptor", connector::descriptor);
        } catch (Exception | LinkageError e) {
            Connector.Origin origin = new Connector.Origin(pluginId + ":" + connector.getClass().getSimpleName(), pluginId,
                    Optional.empty(), Optional.of(connector), loader, none);
            return register(failed(Connector.failed(origin, Connector.Subscription.NONE, "its descriptor failed: "
                    + PluginCalls.message(e), ConfigFingerprint.NONE)));
        }
        String id = descriptor.id();
        Connector.Origin origin = new Connector.Origin(id, pluginId, Optional.of(descriptor), Optional.of(connector), loader, none);
        Optional<Connector> other = registry.get(id);
        if (other.isPresent() && !other.get().pluginId().equals(pluginId)) {
            // not registered: the id stays with the plugin that has it
            return failed(Connector.failed(origin, Connector.Subscription.NONE, "connector id " + id + " is taken by plugin "
                    + other.get().pluginId(), ConfigFingerprint.NONE));
        }
        ConfigFingerprint applied = ConnectorConfigs.fingerprint(settings.configDir(), id);
        ConnectorConfig config;
        try {
            config = ConnectorConfigs.load(settings.configDir(), descriptor, environment);
        } catch (RuntimeException e) {
            Optional<Set<String>> subscription = ConnectorConfigs.subscriptionInFile(settings.configDir(), id);
            if (subscription.isEmpty()) {
                return disabled(origin, Connector.Subscription.NONE, applied);
            }
            return register(failed(Connector.failed(origin, new Connector.Subscription(true, subscription.get()),
                    PluginCalls.message(e), applied)));
        }
        origin = origin.withScrubber(new Scrubber(config.secretValues()));
        Optional<String> enabledValue = config.get(HostKey.ENABLED.key());
        Connector.Subscription subscription = new Connector.Subscription(config.getBoolean(HostKey.ENABLED.key(), false),
                ConnectorConfigs.purposes(config.get(HostKey.PURPOSES.key()).orElse(null)));
        if (enabledValue.isPresent() && !enabledValue.get().equalsIgnoreCase("true") && !enabledValue.get().equalsIgnoreCase("false")) {
            return register(failed(Connector.failed(origin, subscription, "configuration key '" + HostKey.ENABLED.key()
                    + "' must be true or false, not '" + enabledValue.get() + "'", applied)));
        }
        if (!subscription.enabled()) {
            return disabled(origin, subscription, applied);
        }
        Set<String> missing = ConnectorConfigs.missing(descriptor, config);
        if (!missing.isEmpty()) {
            return register(failed(Connector.failed(origin, subscription, "configuration lacks " + missing, applied)));
        }
        HostSettings host;
        try {
            host = HostSettings.read(descriptor, config, settings.policy());
        } catch (RuntimeException e) {
            String problem = e instanceof IllegalStateException ? e.getMessage() : PluginCalls.message(e);
            return register(failed(Connector.failed(origin, subscription, problem, applied)));
        }
        return register(start(origin, subscription, connector, new HostContext(descriptor, config, clock, host.batchSize()), host, applied));
    }

    private Connector start(Connector.Origin origin, Connector.Subscription subscription, ChannelConnector connector,
                            ConnectorContext context, HostSettings host, ConfigFingerprint applied) {
        ClassLoader loader = origin.loader();
        Set<String> routesBefore = camel.routeIds();
        try {
            RouteBuilder routes = calls.withTimeout(loader, "routes", () -> connector.routes(context));
            calls.withTimeout(loader, "route building", () -> {
                camel.add(routes);
                return null;
            });
            if (!camel.hasRoute(context.routeId())) {
                throw new IllegalStateException("it built no route with id " + context.routeId() + " consuming " + context.entryUri());
            }
            Optional<InboundHandler> inbound = calls.withTimeout(loader, "inbound", () -> connector.inbound(context));
            Optional<MessageSender> sender = calls.withTimeout(loader, "sender", () -> connector.sender(context));
            Optional<MessageGateway> gateway = sender.isEmpty() ? Optional.empty()
                    : Optional.of(PluginGateway.of(origin.id(), sender.get(), loader, origin.scrubber()));
            Optional<Reconciler> reconciler = calls.withTimeout(loader, "reconciler", () -> connector.reconciler(context));
            AnswerReading answers = new AnswerReading(origin.id(), calls.withTimeout(loader, "answers", () -> connector.answers(context)),
                    loader, origin.scrubber());
            List<String> added = new ArrayList<>(camel.routeIds());
            added.removeAll(routesBefore);
            String entry = context.entryUri();
            Dispatcher dispatcher = new Dispatcher(origin.id(), context.descriptor().identifierTypes(), queue,
                    batch -> PluginCalls.withContextLoader(loader, () -> answers.answerOf(camel.send(entry, batch))),
                    identifiers, host.dispatch(settings.idlePoll()), DispatchTime.of(clock), settings.nodeId(), origin.scrubber(), answers);
            dispatcher.start();
            if (reconciler.isEmpty() && host.reconcileIntervalHours() > 0) {
                LOG.info(() -> "connector " + origin.id() + " has no reconciler: its " + HostKey.RECONCILE_INTERVAL_HOURS.key() + " is ignored");
            }
            Optional<Reconciliation> reconciliation = reconciler.map(r -> reconciliations.start(origin, subscription.purposes(),
                    context.descriptor().identifierTypes(), r, host.reconcileIntervalHours()));
            LOG.info(() -> "connector " + origin.id() + " " + context.descriptor().version() + " (plugin " + origin.pluginId() + ") runs"
                    + (subscription.purposes().isEmpty() ? "" : " for " + subscription.purposes())
                    + (host.batchSize() > 1 ? ", batches of " + host.batchSize() : ""));
            return Connector.running(origin, subscription, new Connector.Running(dispatcher, inbound, gateway, reconciliation, added), applied);
        } catch (Exception | LinkageError e) {
            camel.removeRoutesAddedSince(routesBefore);
            return failed(Connector.failed(origin, subscription, PluginCalls.message(e), applied));
        }
    }

    private Connector disabled(Connector.Origin origin, Connector.Subscription subscription, ConfigFingerprint applied) {
        LOG.info(() -> "connector " + origin.id() + " (plugin " + origin.pluginId() + ") is disabled: set enabled=true in its configuration");
        return register(Connector.disabled(origin, subscription, applied));
    }

    private static Connector failed(Connector connector) {
        LOG.warning(() -> "connector " + connector.id() + " (plugin " + connector.pluginId() + ") failed; it is isolated: "
                + connector.problem().orElse(""));
        return connector;
    }

    private Connector register(Connector connector) {
        return registry.register(connector);
    }

    /** What a connector is given: {@code batchSize} is the one its dispatcher batches by. */
    private record HostContext(ConnectorDescriptor descriptor, ConnectorConfig config, Clock clock, int batchSize) implements ConnectorContext {
    }
}
