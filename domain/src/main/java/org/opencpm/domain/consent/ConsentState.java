package org.opencpm.domain.consent;

import org.opencpm.domain.Coded;

/** Where a subject's consent to one purpose stands. */
public enum ConsentState implements Coded {
    /** Granted, waiting for the person to confirm (double opt-in). Not yet a consent. */
    PENDING,
    /** In force until withdrawn or expired. */
    GRANTED,
    /** The person said no. */
    DENIED,
    /** The person took back a consent; earlier processing stays lawful (PIPL Art. 15). */
    WITHDRAWN,
    /** The grant outlived the purpose's validity. */
    EXPIRED;

    public static ConsentState parse(String code, String field) {
        return Coded.parse(ConsentState.class, code, field);
    }
}
