package org.opencpm.connectors.runtime;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.builder.NoErrorHandlerBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.opencpm.application.port.in.CallbackRequest;
import org.opencpm.application.port.out.ConnectorInfo;
import org.opencpm.application.port.out.ConnectorRuntime;
import org.opencpm.application.port.out.ConnectorSubscriptions;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.DeliveryQueue;
import org.opencpm.application.port.out.DeliveryRetention;
import org.opencpm.application.port.out.InboundOutcome;
import org.opencpm.application.port.out.PluginInfo;
import org.opencpm.application.port.out.PluginReload;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.ConnectorApi;
import org.opencpm.connectors.api.ConnectorConfig;
import org.opencpm.connectors.api.ConnectorContext;
import org.opencpm.connectors.api.ConnectorDescriptor;
import org.opencpm.connectors.api.InboundHandler;
import org.opencpm.connectors.api.InboundRequest;
import org.opencpm.connectors.api.InboundResponse;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Runs the connector plugins. Owns the Camel context (no error handler of its own: failures come
 * back to the {@link Dispatcher}, which retries or gives up), the HTTP component (with the HTTP
 * client's own automatic retries switched off, so that one retry policy rules), the PF4J plugin
 * manager, and one dispatcher per running connector.
 *
 * <p>A plugin's code is always called with the plugin's class loader as the thread's context class
 * loader, and its start, descriptor and route building within {@link RuntimeSettings#startTimeout()}:
 * a plugin that throws or hangs there is marked failed, its routes removed, and every other
 * connector runs on. The deliveries of a failed connector that is enabled keep being written, and
 * wait for it.
 */
public final class ConnectorHost implements ConnectorRuntime, ConnectorSubscriptions, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ConnectorHost.class.getName());
    /** How long a connector's HTTP call may take to connect, and to be answered, unless its route says otherwise. */
    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);

    private final RuntimeSettings settings;
    private final DeliveryQueue queue;
    private final IdentifierResolver identifiers;
    private final InboundCommands inboundCommands;
    private final Clock clock;
    private final CallbackFailureLog callbackFailures;
    private final Function<String, String> environment;
    private final HostPluginManager plugins;
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final ProducerTemplate producer;
    private final Map<String, Connector> connectors = new ConcurrentHashMap<>();
    private final Map<String, String> pluginProblems = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final PausedConnectors paused;
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon(true).name("opencpm-connector-housekeeping").factory());

    /** A connector as it runs, or why it does not. */
    private record Connector(String id, String pluginId, Optional<ConnectorDescriptor> descriptor, ConnectorInfo.State state,
                             Optional<String> problem, boolean enabled, Set<String> purposes, Optional<InboundHandler> inbound,
                             Optional<Dispatcher> dispatcher, List<String> routeIds, ClassLoader loader, Scrubber scrubber) {

        ConnectorInfo info() {
            return new ConnectorInfo(id, descriptor.map(ConnectorDescriptor::name).orElse(id),
                    descriptor.map(ConnectorDescriptor::version).orElse("?"), pluginId, state, problem);
        }

        boolean subscribes(ConsentChange change) {
            return enabled && state != ConnectorInfo.State.DISABLED
                    && (purposes.isEmpty() || change.purpose().map(p -> purposes.contains(p.value())).orElse(true));
        }
    }

    ConnectorHost(RuntimeSettings settings, DeliveryQueue queue, IdentifierResolver identifiers, InboundCommands inboundCommands,
                  Clock clock, Function<String, String> environment) {
        this.settings = settings;
        this.queue = queue;
        this.identifiers = identifiers;
        this.inboundCommands = inboundCommands;
        this.clock = clock;
        this.callbackFailures = new CallbackFailureLog(clock, line -> LOG.warning(line));
        this.environment = environment;
        this.plugins = new HostPluginManager(settings.pluginsDir());
        this.paused = new PausedConnectors(settings.pluginsDir());
        camel.getCamelContextExtension().setName("opencpm-connectors");
        camel.getCamelContextExtension().setErrorHandlerFactory(new NoErrorHandlerBuilder());
        for (String scheme : List.of("http", "https")) {
            // One retry policy (the dispatcher's), no redirects, and no request that waits forever:
            // a platform that does not answer in time is a failed attempt. A route may ask for
            // other timeouts on its endpoint URI.
            HttpComponent http = camel.getComponent(scheme, HttpComponent.class);
            http.setHttpClientConfigurer(builder -> builder.disableAutomaticRetries());
            http.setFollowRedirects(false);
            http.setConnectTimeout(HTTP_TIMEOUT.toMillis());
            http.setConnectionRequestTimeout(HTTP_TIMEOUT.toMillis());
            http.setResponseTimeout(HTTP_TIMEOUT.toMillis());
        }
        camel.start();
        producer = camel.createProducerTemplate();
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
        ConnectorHost host = new ConnectorHost(settings, queue, identifiers, inboundCommands, clock, System::getenv);
        host.releaseOwnLeases();
        host.reloadPlugins();
        host.startHousekeeping(retention);
        return host;
    }

    /**
     * A host running the given connectors from the class path (no plugin folder), configured from
     * {@code settings.configDir()} like plugged-in ones: what the connector test kit runs a
     * partner's connector in, so that it meets the same dispatcher, retries and batching.
     */
    public static ConnectorHost startEmbedded(RuntimeSettings settings, DeliveryQueue queue, IdentifierResolver identifiers,
                                              Clock clock, List<ChannelConnector> embedded) {
        ConnectorHost host = new ConnectorHost(settings, queue, identifiers, new InboundCommands(), clock, System::getenv);
        host.releaseOwnLeases();
        for (ChannelConnector connector : embedded) {
            host.startConnector(EMBEDDED, connector, connector.getClass().getClassLoader());
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

    /** Once an hour, deletes the receipts of deliveries older than the retention period. */
    private void startHousekeeping(DeliveryRetention retention) {
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                int purged = retention.purgeDelivered(clock.instant().minus(settings.receiptRetention()));
                if (purged > 0) {
                    LOG.info(() -> "purged " + purged + " delivery receipts older than " + settings.receiptRetention().toDays() + " days");
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "purging old delivery receipts failed; trying again in an hour", e);
            }
        }, 1, 60, TimeUnit.MINUTES);
    }

    /** The plugin id of connectors started from the class path. */
    public static final String EMBEDDED = "embedded";

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

    @Override
    public PluginReload reloadPlugins() {
        PluginReload reload;
        synchronized (this) {
            reload = loadNewPlugins();
        }
        changed();
        return reload;
    }

    private PluginReload loadNewPlugins() {
        List<String> added = new ArrayList<>();
        List<String> started = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        Set<Path> loaded = plugins.getPlugins().stream().map(PluginWrapper::getPluginPath).map(Path::toAbsolutePath)
                .collect(Collectors.toSet());
        List<Path> found;
        try {
            if (!Files.isDirectory(settings.pluginsDir())) {
                Files.createDirectories(settings.pluginsDir());
            }
            found = plugins.pluginPathsInFolder();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "cannot read the plugins folder " + settings.pluginsDir(), e);
            return new PluginReload(added, started, failed);
        }
        for (Path path : found) {
            if (loaded.contains(path.toAbsolutePath())) {
                continue;
            }
            String id;
            try {
                id = plugins.loadPlugin(path);
            } catch (RuntimeException | LinkageError e) {
                String name = path.getFileName().toString();
                pluginProblems.put(name, "cannot be loaded: " + e.getMessage());
                LOG.log(Level.WARNING, "plugin at " + path + " cannot be loaded", e);
                failed.add(name);
                continue;
            }
            if (id == null) {
                continue;
            }
            added.add(id);
            if (startPlugin(id)) {
                started.add(id);
            } else if (plugins.getPlugin(id).getPluginState() != PluginState.DISABLED) {
                failed.add(id);
            }
        }
        return new PluginReload(added, started, failed);
    }

    /** Starts a loaded plugin and its connectors; false when it failed (its connectors are then failed too). */
    private boolean startPlugin(String pluginId) {
        PluginWrapper plugin = plugins.getPlugin(pluginId);
        if (plugin.getPluginState() == PluginState.DISABLED) {
            registerPaused(pluginId);
            return false;
        }
        ClassLoader loader = plugin.getPluginClassLoader();
        try {
            PluginState state = withTimeout(loader, "start", () -> plugins.startPlugin(pluginId));
            if (state != PluginState.STARTED) {
                throw new IllegalStateException("PF4J left it " + state + (plugin.getFailedException() == null ? ""
                        : ": " + plugin.getFailedException().getMessage()));
            }
            pluginProblems.remove(pluginId);
        } catch (Exception | LinkageError e) {
            pluginProblems.put(pluginId, "did not start: " + message(e));
            LOG.log(Level.WARNING, "plugin " + pluginId + " did not start; it is isolated", e);
            return false;
        }
        List<ChannelConnector> found;
        try {
            found = withTimeout(loader, "extensions", () -> plugins.getExtensions(ChannelConnector.class, pluginId));
        } catch (Exception | LinkageError e) {
            pluginProblems.put(pluginId, "its connectors cannot be created: " + message(e));
            LOG.log(Level.WARNING, "plugin " + pluginId + ": connectors cannot be created", e);
            return false;
        }
        if (found.isEmpty()) {
            pluginProblems.put(pluginId, "it has no ChannelConnector extension (is META-INF/extensions.idx in it?)");
            return false;
        }
        boolean allRunning = true;
        for (ChannelConnector connector : found) {
            allRunning &= startConnector(pluginId, connector, loader).state() != ConnectorInfo.State.FAILED;
        }
        return allRunning;
    }

    private Connector startConnector(String pluginId, ChannelConnector connector, ClassLoader loader) {
        ConnectorDescriptor descriptor;
        try {
            descriptor = withTimeout(loader, "descriptor", connector::descriptor);
        } catch (Exception | LinkageError e) {
            return register(failed(pluginId + ":" + connector.getClass().getSimpleName(), pluginId, Optional.empty(), false, Set.of(),
                    "its descriptor failed: " + message(e), loader, new Scrubber(Set.of())));
        }
        String id = descriptor.id();
        Connector other = connectors.get(id);
        if (other != null && !other.pluginId().equals(pluginId)) {
            // not registered: the id stays with the plugin that has it
            return failed(id, pluginId, Optional.of(descriptor), false, Set.of(), "connector id " + id + " is taken by plugin "
                    + other.pluginId(), loader, new Scrubber(Set.of()));
        }
        ConnectorConfig config;
        try {
            config = ConnectorConfigs.load(settings.configDir(), descriptor, environment);
        } catch (RuntimeException e) {
            Optional<Set<String>> subscription = ConnectorConfigs.subscriptionInFile(settings.configDir(), id);
            if (subscription.isEmpty()) {
                return disabled(id, pluginId, descriptor, Set.of(), loader, new Scrubber(Set.of()));
            }
            return register(failed(id, pluginId, Optional.of(descriptor), true, subscription.get(), message(e), loader,
                    new Scrubber(Set.of())));
        }
        Scrubber scrubber = new Scrubber(config.secretValues());
        boolean enabled = config.getBoolean(ConnectorApi.ENABLED, false);
        Set<String> purposes = ConnectorConfigs.purposes(config.get(ConnectorApi.PURPOSES).orElse(null));
        if (!enabled) {
            return disabled(id, pluginId, descriptor, purposes, loader, scrubber);
        }
        Set<String> missing = ConnectorConfigs.missing(descriptor, config);
        if (!missing.isEmpty()) {
            return register(failed(id, pluginId, Optional.of(descriptor), true, purposes, "configuration lacks " + missing, loader, scrubber));
        }
        ConnectorContext context = new HostContext(descriptor, config, clock);
        Set<String> routesBefore = routeIds();
        try {
            RouteBuilder routes = withTimeout(loader, "routes", () -> connector.routes(context));
            withTimeout(loader, "route building", () -> {
                camel.addRoutes(routes);
                return null;
            });
            if (camel.getRoute(context.routeId()) == null) {
                throw new IllegalStateException("it built no route with id " + context.routeId() + " consuming " + context.entryUri());
            }
            Optional<InboundHandler> inbound = withTimeout(loader, "inbound", () -> connector.inbound(context));
            List<String> added = new ArrayList<>(routeIds());
            added.removeAll(routesBefore);
            int batchSize = config.getInt(ConnectorApi.BATCH_SIZE, descriptor.batchSize());
            long window = config.getLong(ConnectorApi.BATCH_WINDOW_MILLIS, descriptor.batchWindowMillis());
            double rate = config.get(ConnectorApi.RATE_PER_SECOND).map(Double::parseDouble).orElse(0.0);
            RedeliveryPolicy policy = new RedeliveryPolicy(config.getInt("retry.maxAttempts", settings.policy().maxAttempts()),
                    Duration.ofMillis(config.getLong("retry.baseMillis", settings.policy().base().toMillis())),
                    Duration.ofMillis(config.getLong("retry.maxMillis", settings.policy().max().toMillis())), settings.policy().jitter());
            Dispatcher.Settings dispatch = new Dispatcher.Settings(Math.max(64, Math.max(1, batchSize) * 8), Duration.ofMinutes(2),
                    settings.idlePoll(), config.getInt("parallelism", 8), Math.max(1, batchSize), window, rate, policy);
            String entry = context.entryUri();
            Dispatcher dispatcher = new Dispatcher(id, descriptor.identifierTypes(), queue, batch -> withContextLoader(loader, () -> {
                Exchange sent = producer.send(entry, exchange -> exchange.getIn().setBody(batch));
                if (sent.getException() != null) {
                    throw sent.getException();
                }
                return null;
            }), identifiers, dispatch, DispatchTime.of(clock), settings.nodeId(), scrubber);
            dispatcher.start();
            LOG.info(() -> "connector " + id + " " + descriptor.version() + " (plugin " + pluginId + ") runs"
                    + (purposes.isEmpty() ? "" : " for " + purposes) + (batchSize > 1 ? ", batches of " + batchSize : ""));
            return register(new Connector(id, pluginId, Optional.of(descriptor), ConnectorInfo.State.RUNNING, Optional.empty(), true,
                    purposes, inbound, Optional.of(dispatcher), added, loader, scrubber));
        } catch (Exception | LinkageError e) {
            removeRoutesAddedSince(routesBefore);
            return register(failed(id, pluginId, Optional.of(descriptor), true, purposes, message(e), loader, scrubber));
        }
    }

    /**
     * A connector that cannot run, isolated; when its configuration enables it, it keeps its
     * subscription to {@code purposes}, and its changes wait for it to be fixed.
     */
    private static Connector failed(String id, String pluginId, Optional<ConnectorDescriptor> descriptor, boolean enabled,
                                    Set<String> purposes, String problem, ClassLoader loader, Scrubber scrubber) {
        LOG.warning(() -> "connector " + id + " (plugin " + pluginId + ") failed; it is isolated: " + scrubber.scrub(problem));
        return new Connector(id, pluginId, descriptor, ConnectorInfo.State.FAILED, Optional.of(scrubber.scrub(problem)), enabled, purposes,
                Optional.empty(), Optional.empty(), List.of(), loader, scrubber);
    }

    /** A connector whose plugin an operator disabled: stopped; still subscribed when enabled, its changes waiting. */
    private static Connector paused(String id, String pluginId, Optional<ConnectorDescriptor> descriptor, boolean enabled,
                                    Set<String> purposes, ClassLoader loader, Scrubber scrubber) {
        return new Connector(id, pluginId, descriptor, ConnectorInfo.State.PAUSED, Optional.of("its plugin is disabled; changes wait for it"),
                enabled, purposes, Optional.empty(), Optional.empty(), List.of(), loader, scrubber);
    }

    /**
     * The connectors a disabled plugin had when it was disabled (before this start, say): paused,
     * and subscribed as long as their configuration is enabled, so the changes made meanwhile wait.
     */
    private void registerPaused(String pluginId) {
        Set<String> ids;
        try {
            ids = paused.of(pluginId);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the paused connectors of plugin " + pluginId + " cannot be read", e);
            return;
        }
        for (String id : ids) {
            Optional<Set<String>> subscription = connectors.containsKey(id) ? Optional.empty()
                    : ConnectorConfigs.subscriptionInFile(settings.configDir(), id);
            subscription.ifPresent(purposes -> {
                register(paused(id, pluginId, Optional.empty(), true, purposes, ConnectorHost.class.getClassLoader(), new Scrubber(Set.of())));
                LOG.info(() -> "connector " + id + " is paused (its plugin " + pluginId + " is disabled); its changes wait for it");
            });
        }
    }

    private Connector disabled(String id, String pluginId, ConnectorDescriptor descriptor, Set<String> purposes, ClassLoader loader,
                               Scrubber scrubber) {
        LOG.info(() -> "connector " + id + " (plugin " + pluginId + ") is disabled: set enabled=true in its configuration");
        return register(new Connector(id, pluginId, Optional.of(descriptor), ConnectorInfo.State.DISABLED, Optional.empty(), false,
                purposes, Optional.empty(), Optional.empty(), List.of(), loader, scrubber));
    }

    private Connector register(Connector connector) {
        connectors.put(connector.id(), connector);
        return connector;
    }

    private Set<String> routeIds() {
        return camel.getRoutes().stream().map(Route::getRouteId).collect(Collectors.toCollection(HashSet::new));
    }

    private void removeRoutesAddedSince(Set<String> before) {
        for (String routeId : routeIds()) {
            if (!before.contains(routeId)) {
                removeRoute(routeId);
            }
        }
    }

    private void removeRoute(String routeId) {
        try {
            camel.getRouteController().stopRoute(routeId, 5, TimeUnit.SECONDS);
            camel.removeRoute(routeId);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "cannot remove route " + routeId, e);
        }
    }

    private void stopConnector(Connector connector) {
        connector.dispatcher().ifPresent(Dispatcher::close);
        connector.routeIds().forEach(this::removeRoute);
        connectors.remove(connector.id());
    }

    @Override
    public Optional<PluginInfo> setPluginEnabled(String pluginId, boolean enabled) {
        Optional<PluginInfo> plugin;
        synchronized (this) {
            plugin = switchPlugin(pluginId, enabled);
        }
        changed();
        return plugin;
    }

    private Optional<PluginInfo> switchPlugin(String pluginId, boolean enabled) {
        PluginWrapper plugin = plugins.getPlugin(pluginId);
        if (plugin == null) {
            return Optional.empty();
        }
        if (enabled) {
            plugins.enablePlugin(pluginId);
            paused.resume(pluginId);
            startPlugin(pluginId);
        } else {
            // Its connectors stop, but stay subscribed: the changes made meanwhile wait for them in the database.
            Set<String> stillSubscribed = new HashSet<>();
            for (Connector connector : connectors.values().stream().filter(c -> c.pluginId().equals(pluginId)).toList()) {
                stopConnector(connector);
                register(paused(connector.id(), pluginId, connector.descriptor(), connector.enabled(), connector.purposes(),
                        connector.loader(), connector.scrubber()));
                if (connector.enabled()) {
                    stillSubscribed.add(connector.id());
                }
            }
            try {
                plugins.stopPlugin(pluginId);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "plugin " + pluginId + " failed while stopping", e);
            }
            plugins.disablePlugin(pluginId);
            paused.pause(pluginId, stillSubscribed);
        }
        return plugins().stream().filter(p -> p.id().equals(pluginId)).findFirst();
    }

    @Override
    public List<PluginInfo> plugins() {
        Map<String, PluginInfo> out = new LinkedHashMap<>();
        for (PluginWrapper plugin : plugins.getPlugins()) {
            String id = plugin.getPluginId();
            List<String> ids = connectors.values().stream().filter(c -> c.pluginId().equals(id)).map(Connector::id).sorted().toList();
            Optional<String> problem = Optional.ofNullable(pluginProblems.get(id));
            PluginInfo.State state = switch (plugin.getPluginState()) {
                case STARTED -> problem.isPresent() ? PluginInfo.State.FAILED : PluginInfo.State.STARTED;
                case DISABLED -> PluginInfo.State.DISABLED;
                case FAILED -> PluginInfo.State.FAILED;
                default -> problem.isPresent() ? PluginInfo.State.FAILED : PluginInfo.State.STOPPED;
            };
            out.put(id, new PluginInfo(id, plugin.getDescriptor().getVersion(), state, ids, problem));
        }
        pluginProblems.forEach((name, problem) -> out.computeIfAbsent(name,
                n -> new PluginInfo(n, "?", PluginInfo.State.FAILED, List.of(), Optional.of(problem))));
        return List.copyOf(out.values());
    }

    // ------------------------------------------------------------------ connectors

    @Override
    public List<ConnectorInfo> connectors() {
        return connectors.values().stream().map(Connector::info).sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }

    @Override
    public List<String> subscribersOf(ConsentChange change) {
        List<String> subscribers = new ArrayList<>(2);
        for (Connector connector : connectors.values()) {
            if (connector.subscribes(change)) {
                subscribers.add(connector.id());
            }
        }
        return subscribers;
    }

    /** Changes for these connectors were just committed: their dispatchers look for them now, not at the next poll. */
    @Override
    public void committed(List<String> connectorIds) {
        connectorIds.forEach(this::wakeUp);
    }

    /** Makes the connector's dispatcher look for work now (after a replay). */
    public void wakeUp(String connectorId) {
        Optional.ofNullable(connectors.get(connectorId)).flatMap(Connector::dispatcher).ifPresent(Dispatcher::wakeUp);
    }

    @Override
    public Optional<InboundOutcome> inbound(CallbackRequest request) {
        Connector connector = connectors.get(request.connectorId());
        if (connector == null || connector.state() != ConnectorInfo.State.RUNNING || connector.inbound().isEmpty()) {
            return Optional.empty();
        }
        InboundRequest forPlugin = new InboundRequest(request.path(), request.method(), request.query(), request.headers(), request.body());
        InboundResponse response;
        try {
            response = withContextLoader(connector.loader(),
                    () -> Objects.requireNonNull(connector.inbound().get().handle(forPlugin), "its handler returned no response"));
        } catch (Exception | LinkageError e) {
            callbackFailures.failed(connector.id(), "connector " + connector.id() + " failed on a callback: " + connector.scrubber().scrub(message(e)));
            return Optional.of(InboundOutcome.answered(500, "application/json",
                    "{\"error\":\"the connector failed on this callback\"}".getBytes(StandardCharsets.UTF_8)));
        }
        InboundAnswers.PluginCall plugin = new InboundAnswers.PluginCall() {
            @Override
            public <T> T call(Callable<T> work) throws Exception {
                return withContextLoader(connector.loader(), work);
            }
        };
        return Optional.of(new InboundOutcome(inboundCommands.toEvents(connector.id(), response.commands()),
                InboundAnswers.of(connector.id(), response, plugin, connector.scrubber())));
    }

    // ------------------------------------------------------------------ plumbing

    /** Runs plugin code with its class loader as context loader, giving up after the start timeout (a hung plugin). */
    private <T> T withTimeout(ClassLoader loader, String what, Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(() -> withContextLoader(loader, work));
        Thread runner = Thread.ofVirtual().name("opencpm-plugin-" + what).start(task);
        try {
            return task.get(settings.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException hung) {
            runner.interrupt();
            task.cancel(true);
            throw new TimeoutException("its " + what + " did not finish within " + settings.startTimeout().toSeconds() + " s");
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw failed;
        }
    }

    private static <T> T withContextLoader(ClassLoader loader, Callable<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    @Override
    public synchronized void close() {
        housekeeping.shutdownNow();
        connectors.values().forEach(c -> c.dispatcher().ifPresent(Dispatcher::close));
        connectors.clear();
        try {
            camel.stop();
        } finally {
            plugins.unloadPlugins();
        }
    }

    /** What a connector is given. */
    private record HostContext(ConnectorDescriptor descriptor, ConnectorConfig config, Clock clock) implements ConnectorContext {
    }
}
