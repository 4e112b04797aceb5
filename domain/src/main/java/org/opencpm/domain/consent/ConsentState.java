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

    /**
     * Granted, or granted and waiting for confirmation: what a withdrawal ends, what keeps a person's
     * data from being due for erasure, what a grant asked again leaves as it is. A pending grant is
     * not yet a consent (no use may rest on it: decisions ask for GRANTED), but it is the person's
     * answer until they confirm or take it back.
     */
    public boolean inForce() {
        return this == GRANTED || this == PENDING;
    }

    public static ConsentState parse(String code, String field) {
        return Coded.parse(ConsentState.class, code, field);
    }
}
