package org.opencpm.application.port.out;

import java.util.Optional;

/** A connector as the runtime knows it: which plugin brought it, and whether it runs. */
public record ConnectorInfo(String id, String name, String version, String pluginId, State state, Optional<String> problem) {

    /** Whether a connector carries changes. */
    public enum State {
        /** Enabled and configured: its route runs. */
        RUNNING,
        /** Its configuration says {@code enabled=false} (the default). */
        DISABLED,
        /** It threw or hung while starting, or its configuration is wrong: isolated, its deliveries wait. */
        FAILED
    }
}
