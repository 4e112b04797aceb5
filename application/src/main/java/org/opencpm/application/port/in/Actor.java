package org.opencpm.application.port.in;

import java.util.Optional;
import org.opencpm.domain.Checks;

/**
 * Who asked: an API key ({@code key:<id>}), a connector ({@code connector:sms-aliyun}), the
 * person themselves through the preference centre, or OpenCPM ({@link #SYSTEM}). Goes into the
 * audit trail as the event's actor; never an identifier value.
 */
public record Actor(String id) {

    public static final Actor SYSTEM = new Actor("system");
    private static final String CONNECTOR = "connector:";

    public Actor {
        Checks.maxLength(Checks.requiredText(id, "actor"), 200, "actor");
    }

    public static Actor apiKey(String keyId) {
        return new Actor("key:" + keyId);
    }

    public static Actor connector(String connectorId) {
        return new Actor(CONNECTOR + connectorId);
    }

    /** The connector this actor is ({@link #connector}), if it is one: where a change it records came in from. */
    public Optional<String> connectorId() {
        return id.startsWith(CONNECTOR) ? Optional.of(id.substring(CONNECTOR.length())) : Optional.empty();
    }
}
