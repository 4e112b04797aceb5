package org.opencpm.application.port.out;

import java.util.List;

/** What a plugin reload did: plugins newly found, started, and failed. */
public record PluginReload(List<String> added, List<String> started, List<String> failed) {

    public PluginReload {
        added = List.copyOf(added);
        started = List.copyOf(started);
        failed = List.copyOf(failed);
    }
}
