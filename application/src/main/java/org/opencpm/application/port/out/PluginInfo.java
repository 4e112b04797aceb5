package org.opencpm.application.port.out;

import java.util.List;
import java.util.Optional;

/** A plugin found in the plugins folder, and what became of it. */
public record PluginInfo(String id, String version, State state, List<String> connectors, Optional<String> problem) {

    public enum State { STARTED, DISABLED, FAILED, STOPPED }

    public PluginInfo {
        connectors = List.copyOf(connectors);
    }
}
