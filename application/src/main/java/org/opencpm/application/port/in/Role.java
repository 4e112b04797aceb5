package org.opencpm.application.port.in;

import org.opencpm.domain.Coded;

/** What an API key may do. */
public enum Role implements Coded {
    /** Everything. */
    ADMIN,
    /** Write consents and preferences, ask for decisions and send permits. */
    INTEGRATOR,
    /** Read everything, export the audit trail, run reports. */
    AUDITOR,
    /**
     * A browser-safe key for the consent collection SDK ({@code /sdk/opencpm.js}): it may only
     * record a person's grant, denial or withdrawal through {@code /api/v1/sdk/**} and read the
     * notice and purpose texts its dialog shows, only from the web origins the key was made for
     * (ADR 0023). It reads nobody's state. Never combined with another role.
     */
    COLLECTOR;

    public static Role parse(String code, String field) {
        return Coded.parse(Role.class, code, field);
    }
}
