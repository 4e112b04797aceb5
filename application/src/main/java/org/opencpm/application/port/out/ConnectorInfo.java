package org.opencpm.application.port.out;

import java.util.Optional;

/** A connector as the runtime knows it: which plugin brought it, and whether it runs. */
public record ConnectorInfo(String id, String name, String version, String pluginId, State state, Optional<String> problem) {

    /** Whether a connector carries changes. */
    public enum State {
        /** Enabled and configured: its route runs. */
        RUNNING,
        /** Its configuration says {@code enabled=false} (the default): it gets no changes. */
        DISABLED,
        /** Its plugin was disabled by an operator: its route is stopped, its changes wait in the database. */
        PAUSED,
        /** It threw or hung while starting, or its configuration is wrong: isolated, its deliveries wait. */
        FAILED
    }
}
