package org.opencpm.application.port.out;

import java.util.List;
import java.util.Optional;

/** A plugin found in the plugins folder, and what became of it. */
public record PluginInfo(String id, String version, State state, List<String> connectors, Optional<String> problem) {

    public enum State {
        /** It runs, and each of its connectors runs (or is disabled by its configuration) as its file now says. */
        STARTED,
        /** An operator disabled it: its connectors are paused, their changes wait. */
        DISABLED,
        /** It could not be loaded or started, or one of its connectors failed ({@code problem} says which and why). */
        FAILED,
        /** Loaded, not started. */
        STOPPED,
        /** It runs, but not as the plugins folder or a connector's configuration now says: a reload applies the change. */
        RELOAD_NEEDED
    }

    public PluginInfo {
        connectors = List.copyOf(connectors);
    }
}
