package org.opencpm.connectors.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencpm.application.port.out.ConnectorInfo;
import org.opencpm.application.port.out.PluginInfo;
import org.pf4j.PluginWrapper;

/**
 * The plugins as they truly are, for {@code GET /api/v1/plugins}: a plugin is {@code started} only
 * when it and each of its connectors run as the plugins folder and their configuration files say
 * now; {@code failed} when it or one of its connectors failed; {@code reload_needed} when a newer
 * file of it, or a changed configuration of one of its connectors, waits for a reload.
 */
final class PluginReport {

    private PluginReport() {
    }

    static List<PluginInfo> of(PluginLifecycle lifecycle, ConnectorRegistry registry) {
        Map<String, String> problems = lifecycle.problems();
        Map<String, PluginFolder.Source> inFolder;
        try {
            inFolder = lifecycle.scan().plugins();
        } catch (RuntimeException e) {
            inFolder = Map.of();
        }
        Map<String, PluginInfo> out = new LinkedHashMap<>();
        for (PluginWrapper plugin : lifecycle.loaded()) {
            String id = plugin.getPluginId();
            List<Connector> connectors = registry.ofPlugin(id);
            List<String> ids = connectors.stream().map(Connector::id).toList();
            String version = plugin.getDescriptor().getVersion();
            Optional<String> problem = Optional.ofNullable(problems.get(id));
            PluginInfo.State state = switch (plugin.getPluginState()) {
                case STARTED -> problem.isPresent() ? PluginInfo.State.FAILED : PluginInfo.State.STARTED;
                case DISABLED -> PluginInfo.State.DISABLED;
                case FAILED -> PluginInfo.State.FAILED;
                default -> problem.isPresent() ? PluginInfo.State.FAILED : PluginInfo.State.STOPPED;
            };
            if (state == PluginInfo.State.STARTED) {
                List<String> failed = connectors.stream().filter(c -> c.state() == ConnectorInfo.State.FAILED)
                        .map(c -> c.id() + ": " + c.problem().orElse("failed")).toList();
                List<String> pending = pending(lifecycle, connectors, Optional.ofNullable(inFolder.get(id)), version);
                if (!failed.isEmpty()) {
                    state = PluginInfo.State.FAILED;
                    problem = Optional.of("connector " + String.join("; connector ", failed));
                } else if (!pending.isEmpty()) {
                    state = PluginInfo.State.RELOAD_NEEDED;
                    problem = Optional.of(String.join("; ", pending) + ": POST /api/v1/plugins:reload applies it");
                }
            }
            out.put(id, new PluginInfo(id, version, state, ids, problem));
        }
        problems.forEach((name, problem) -> out.computeIfAbsent(name,
                n -> new PluginInfo(n, "?", PluginInfo.State.FAILED, List.of(), Optional.of(problem))));
        return List.copyOf(out.values());
    }

    private static List<String> pending(PluginLifecycle lifecycle, List<Connector> connectors, Optional<PluginFolder.Source> file,
                                        String version) {
        List<String> pending = new ArrayList<>();
        if (file.isEmpty()) {
            pending.add("its file is no longer in the plugins folder");
        } else if (!lifecycle.isLoadedFrom(file.get())) {
            pending.add("version " + file.get().version() + " (" + file.get().file().getFileName() + ") replaces " + version);
        }
        connectors.stream().filter(c -> c.origin().source().isPresent() && lifecycle.configChanged(c))
                .forEach(c -> pending.add("the configuration of connector " + c.id() + " changed since it started"));
        return pending;
    }
}
