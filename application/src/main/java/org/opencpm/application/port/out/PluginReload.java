package org.opencpm.application.port.out;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What a plugin reload did.
 *
 * @param added        plugins newly found in the plugins folder
 * @param upgraded     plugins whose file changed (another version): the one running was stopped and replaced
 * @param removed      plugins whose file is gone: stopped and unloaded
 * @param started      plugins (added or upgraded) that started
 * @param failed       plugins, plugin files and reconfigured connectors that failed
 * @param reconfigured connectors started again because their configuration file changed
 */
public record PluginReload(List<String> added, List<String> upgraded, List<String> removed, List<String> started, List<String> failed,
                           List<String> reconfigured) {

    public PluginReload {
        added = List.copyOf(added);
        upgraded = List.copyOf(upgraded);
        removed = List.copyOf(removed);
        started = List.copyOf(started);
        failed = List.copyOf(failed);
        reconfigured = List.copyOf(reconfigured);
    }

    /** A reload that only added plugins. */
    public PluginReload(List<String> added, List<String> started, List<String> failed) {
        this(added, List.of(), List.of(), started, failed, List.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects what a reload does, as it does it. */
    public static final class Builder {
        private final List<String> added = new ArrayList<>();
        private final List<String> upgraded = new ArrayList<>();
        private final List<String> removed = new ArrayList<>();
        private final List<String> started = new ArrayList<>();
        private final List<String> failed = new ArrayList<>();
        private final List<String> reconfigured = new ArrayList<>();

        private Builder() {
        }

        public Builder added(String pluginId) {
            added.add(pluginId);
            return this;
        }

        public Builder upgraded(String pluginId) {
            upgraded.add(pluginId);
            return this;
        }

        public Builder removed(String pluginId) {
            removed.add(pluginId);
            return this;
        }

        public Builder started(String pluginId) {
            started.add(pluginId);
            return this;
        }

        public Builder failed(Collection<String> names) {
            names.stream().filter(n -> !failed.contains(n)).forEach(failed::add);
            return this;
        }

        public Builder reconfigured(String connectorId) {
            reconfigured.add(connectorId);
            return this;
        }

        public PluginReload build() {
            return new PluginReload(added, upgraded, removed, started, failed, reconfigured);
        }
    }
}
