package org.opencpm.application.port.in;

import org.opencpm.domain.Coded;

/** What an API key may do. */
public enum Role implements Coded {
    /** Everything. */
    ADMIN,
    /** Write consents and preferences, ask for decisions and send permits. */
    INTEGRATOR,
    /** Read everything, export the audit trail, run reports. */
    AUDITOR;

    public static Role parse(String code, String field) {
        return Coded.parse(Role.class, code, field);
    }
}
