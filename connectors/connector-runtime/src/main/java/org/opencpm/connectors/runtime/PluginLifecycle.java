package org.opencpm.connectors.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.opencpm.application.port.out.ConnectorInfo;
import org.opencpm.application.port.out.PluginReload;
import org.opencpm.connectors.api.ChannelConnector;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * The plugins' lifecycle under PF4J: a reload makes the loaded plugins what the plugins folder
 * holds — new plugins loaded and started, a plugin whose file changed (a newer version) stopped,
 * unloaded and replaced, a plugin whose file is gone stopped and unloaded — and restarts each
 * connector whose configuration file changed. An operator may disable (stop) and enable a plugin.
 *
 * <p>A connector that stops (for an upgrade, a new configuration, a disabled plugin) first lets
 * its dispatcher finish what it claimed: those deliveries are sent and recorded, or — a send still
 * hanging — claimed again when their lease runs out. While a plugin is replaced its connectors stay
 * subscribed (paused), so no change made meanwhile misses them. Not thread-safe: the host calls it
 * under its lock.
 */
final class PluginLifecycle {

    private static final Logger LOG = Logger.getLogger(PluginLifecycle.class.getName());

    private final HostPluginManager plugins;
    private final PluginFolder folder;
    private final PausedConnectors paused;
    private final ConnectorRegistry registry;
    private final ConnectorLauncher launcher;
    private final PluginCalls calls;
    private final CamelTransport camel;
    private final Path configDir;
    /** Why a plugin (by id) or a plugin file (by file name) does not run. */
    private final Map<String, String> problems = new ConcurrentHashMap<>();

    PluginLifecycle(RuntimeSettings settings, ConnectorRegistry registry, ConnectorLauncher launcher, PluginCalls calls,
                    CamelTransport camel) {
        this.plugins = new HostPluginManager(settings.pluginsDir());
        this.folder = new PluginFolder(settings.pluginsDir(), plugins::descriptorOf, plugins::compareVersions);
        this.paused = new PausedConnectors(settings.pluginsDir());
        this.registry = registry;
        this.launcher = launcher;
        this.calls = calls;
        this.camel = camel;
        this.configDir = settings.configDir();
    }

    HostPluginManager manager() {
        return plugins;
    }

    /** What the folder holds now, without changing anything. */
    PluginFolder.Scan scan() {
        return folder.scan();
    }

    Map<String, String> problems() {
        return Map.copyOf(problems);
    }

    /** Makes the loaded plugins what the folder holds, and applies changed configurations. */
    PluginReload reload() {
        PluginReload.Builder reload = PluginReload.builder();
        PluginFolder.Scan scan;
        try {
            scan = folder.scan();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot read the plugins folder", e);
            return reload.build();
        }
        problems.keySet().removeIf(name -> name.endsWith(".zip") || name.endsWith(".jar"));
        problems.putAll(scan.unreadable());
        reload.failed(scan.unreadable().keySet());
        for (PluginWrapper loaded : List.copyOf(plugins.getPlugins())) {
            String id = loaded.getPluginId();
            Optional<PluginFolder.Source> wanted = Optional.ofNullable(scan.plugins().get(id));
            if (wanted.isEmpty()) {
                uninstall(loaded);
                reload.removed(id);
            } else if (!sameSource(loaded, wanted.get())) {
                LOG.info(() -> "plugin " + id + " " + loaded.getDescriptor().getVersion() + " is replaced by " + wanted.get().version()
                        + " (" + wanted.get().file().getFileName() + ")");
                stopForReplacement(loaded);
                if (install(wanted.get(), reload)) {
                    reload.upgraded(id);
                }
            } else {
                reconfigure(id, reload);
            }
        }
        for (PluginFolder.Source source : scan.plugins().values()) {
            if (plugins.getPlugin(source.id()) == null && install(source, reload)) {
                reload.added(source.id());
            }
        }
        reconfigure(ConnectorHost.EMBEDDED, reload);
        cleanUnpacked();
        return reload.build();
    }

    /** Whether the loaded plugin of the file's id is that file. */
    boolean isLoadedFrom(PluginFolder.Source file) {
        PluginWrapper loaded = plugins.getPlugin(file.id());
        return loaded != null && sameSource(loaded, file);
    }

    private boolean sameSource(PluginWrapper loaded, PluginFolder.Source wanted) {
        return loaded.getPluginPath().toAbsolutePath().normalize().equals(folder.loadPath(wanted).toAbsolutePath().normalize());
    }

    /** Loads and starts a plugin file; false when it could not even be loaded. */
    private boolean install(PluginFolder.Source source, PluginReload.Builder reload) {
        String id;
        try {
            id = plugins.loadPlugin(folder.unpacked(source));
        } catch (Exception | LinkageError e) {
            String name = source.file().getFileName().toString();
            problems.put(name, "cannot be loaded: " + PluginCalls.message(e));
            LOG.log(Level.WARNING, "plugin at " + source.file() + " cannot be loaded", e);
            reload.failed(List.of(name));
            settleReplaced(source.id(), Optional.of(name + " cannot be loaded"));
            return false;
        }
        if (start(id)) {
            reload.started(id);
            settleReplaced(id, Optional.empty());
        } else if (plugins.getPlugin(id).getPluginState() != PluginState.DISABLED) {
            reload.failed(List.of(id));
            settleReplaced(id, Optional.of("plugin " + id + " " + source.version() + " did not start"));
        } else {
            settleReplaced(id, Optional.empty());
        }
        return true;
    }

    /**
     * The connectors of a replaced version that the new one did not start again: gone with it when
     * it started ({@code failure} empty); otherwise failed, still subscribed, their changes waiting
     * for a version that starts.
     */
    private void settleReplaced(String pluginId, Optional<String> failure) {
        for (Connector connector : registry.ofPlugin(pluginId)) {
            if (connector.state() != ConnectorInfo.State.PAUSED || !connector.problem().orElse("").equals(REPLACED)) {
                continue;
            }
            if (failure.isEmpty()) {
                registry.remove(connector.id());
            } else {
                registry.register(Connector.failed(connector.origin(), connector.subscription(), failure.get(), connector.applied()));
            }
        }
    }

    private static final String REPLACED = "its plugin is being replaced";

    /** Starts a loaded plugin and its connectors; false when it failed (its connectors are then failed too). */
    boolean start(String pluginId) {
        PluginWrapper plugin = plugins.getPlugin(pluginId);
        if (plugin.getPluginState() == PluginState.DISABLED) {
            registerPaused(pluginId);
            return false;
        }
        ClassLoader loader = plugin.getPluginClassLoader();
        try {
            PluginState state = calls.withTimeout(loader, "start", () -> plugins.startPlugin(pluginId));
            if (state != PluginState.STARTED) {
                throw new IllegalStateException("PF4J left it " + state + (plugin.getFailedException() == null ? ""
                        : ": " + plugin.getFailedException().getMessage()));
            }
            problems.remove(pluginId);
        } catch (Exception | LinkageError e) {
            problems.put(pluginId, "did not start: " + PluginCalls.message(e));
            LOG.log(Level.WARNING, "plugin " + pluginId + " did not start; it is isolated", e);
            return false;
        }
        List<ChannelConnector> found;
        try {
            found = calls.withTimeout(loader, "extensions", () -> plugins.getExtensions(ChannelConnector.class, pluginId));
        } catch (Exception | LinkageError e) {
            problems.put(pluginId, "its connectors cannot be created: " + PluginCalls.message(e));
            LOG.log(Level.WARNING, "plugin " + pluginId + ": connectors cannot be created", e);
            return false;
        }
        if (found.isEmpty()) {
            problems.put(pluginId, "it has no ChannelConnector extension (is META-INF/extensions.idx in it?)");
            return false;
        }
        boolean allRunning = true;
        for (ChannelConnector connector : found) {
            allRunning &= launcher.launch(pluginId, connector, loader).state() != ConnectorInfo.State.FAILED;
        }
        return allRunning;
    }

    /** Restarts each connector of a started plugin (or of the class path) whose configuration file changed since it started. */
    private void reconfigure(String pluginId, PluginReload.Builder reload) {
        PluginWrapper plugin = plugins.getPlugin(pluginId);
        if (plugin != null && plugin.getPluginState() != PluginState.STARTED) {
            return;
        }
        for (Connector connector : registry.ofPlugin(pluginId)) {
            if (connector.origin().source().isEmpty() || !configChanged(connector)) {
                continue;
            }
            LOG.info(() -> "connector " + connector.id() + ": its configuration changed; it starts again with it");
            connector.stop(camel);
            registry.register(Connector.paused(connector.origin(), connector.subscription(), connector.applied()));
            Connector restarted = launcher.launch(pluginId, connector.origin().source().get(), connector.origin().loader());
            reload.reconfigured(connector.id());
            if (restarted.state() == ConnectorInfo.State.FAILED) {
                reload.failed(List.of(connector.id()));
            }
        }
    }

    /** Whether the connector's configuration file is not the one it was started with. */
    boolean configChanged(Connector connector) {
        return connector.origin().descriptor().isPresent()
                && !ConnectorConfigs.fingerprint(configDir, connector.id()).equals(connector.applied());
    }

    /** Stops a plugin for good: its zip is gone. Its connectors are no longer subscribed, and it is forgotten as disabled. */
    private void uninstall(PluginWrapper plugin) {
        String id = plugin.getPluginId();
        LOG.info(() -> "plugin " + id + " " + plugin.getDescriptor().getVersion() + " is no longer in the plugins folder: it is removed");
        for (Connector connector : registry.ofPlugin(id)) {
            connector.stop(camel);
            registry.remove(connector.id());
        }
        paused.resume(id);
        if (plugin.getPluginState() == PluginState.DISABLED) {
            plugins.enablePlugin(id);
        }
        unload(id);
        problems.remove(id);
    }

    /** Stops a plugin that a newer file replaces; its connectors stay subscribed, paused, until the new version starts them. */
    private void stopForReplacement(PluginWrapper plugin) {
        String id = plugin.getPluginId();
        for (Connector connector : registry.ofPlugin(id)) {
            connector.stop(camel);
            registry.register(new Connector(connector.origin(), connector.subscription(), ConnectorInfo.State.PAUSED,
                    Optional.of(REPLACED), Optional.empty(), connector.applied()));
        }
        unload(id);
        problems.remove(id);
    }

    private void unload(String id) {
        try {
            plugins.unloadPlugin(id);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "plugin " + id + " failed while it was unloaded", e);
        }
    }

    private void cleanUnpacked() {
        Set<Path> inUse = new HashSet<>();
        plugins.getPlugins().forEach(p -> inUse.add(p.getPluginPath()));
        try {
            folder.clean(inUse);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot delete the unpacked folders of removed plugins", e);
        }
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
            Optional<Set<String>> subscription = registry.get(id).filter(c -> !c.pluginId().equals(pluginId)).isPresent()
                    ? Optional.empty() : ConnectorConfigs.subscriptionInFile(configDir, id);
            subscription.ifPresent(purposes -> {
                Connector.Origin origin = new Connector.Origin(id, pluginId, Optional.empty(), Optional.empty(),
                        PluginLifecycle.class.getClassLoader(), new Scrubber(Set.of()));
                registry.register(Connector.paused(origin, new Connector.Subscription(true, purposes), ConfigFingerprint.NONE));
                LOG.info(() -> "connector " + id + " is paused (its plugin " + pluginId + " is disabled); its changes wait for it");
            });
        }
    }

    /** Enables (starts) or disables (stops) a loaded plugin; false when there is no such plugin. */
    boolean setEnabled(String pluginId, boolean enabled) {
        PluginWrapper plugin = plugins.getPlugin(pluginId);
        if (plugin == null) {
            return false;
        }
        if (enabled) {
            plugins.enablePlugin(pluginId);
            paused.resume(pluginId);
            start(pluginId);
            return true;
        }
        // Its connectors stop, but stay subscribed: the changes made meanwhile wait for them in the database.
        Set<String> stillSubscribed = new HashSet<>();
        for (Connector connector : registry.ofPlugin(pluginId)) {
            connector.stop(camel);
            registry.register(Connector.paused(connector.origin(), connector.subscription(), connector.applied()));
            if (connector.subscription().enabled()) {
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
        return true;
    }

    void close() {
        plugins.unloadPlugins();
    }

    List<PluginWrapper> loaded() {
        return new ArrayList<>(plugins.getPlugins());
    }
}
