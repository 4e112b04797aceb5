package org.opencpm.application.port.in;

import org.opencpm.domain.Checks;

/**
 * Who asked: an API key ({@code key:<id>}), a connector ({@code connector:sms-aliyun}), the
 * person themselves through the preference centre, or OpenCPM ({@link #SYSTEM}). Goes into the
 * audit trail as the event's actor; never an identifier value.
 */
public record Actor(String id) {

    public static final Actor SYSTEM = new Actor("system");

    public Actor {
        Checks.maxLength(Checks.requiredText(id, "actor"), 200, "actor");
    }

    public static Actor apiKey(String keyId) {
        return new Actor("key:" + keyId);
    }

    public static Actor connector(String connectorId) {
        return new Actor("connector:" + connectorId);
    }
}
