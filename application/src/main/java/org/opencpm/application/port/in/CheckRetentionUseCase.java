package org.opencpm.application.port.in;

/**
 * Finds the persons whose personal data has outlived every purpose it was held for (PIPL Art. 19,
 * 47 (2); the rule is {@link org.opencpm.domain.consent.RetentionPolicy}'s, and a person with a
 * rights request still open is not due), reports each once in the audit trail, and erases them when
 * the operator turned erasure on. For a scheduled job; several nodes may run it at once.
 */
public interface CheckRetentionUseCase {

    RetentionReport check();

    /**
     * What one check found.
     *
     * @param due      persons erasure-due now
     * @param reported of them, those reported for the first time (an {@code erasure_due} audit event)
     * @param erased   of them, those whose erasure was started (none unless erasure is on)
     * @param failed   of them, those whose erasure could not be started (tried again next time)
     */
    record RetentionReport(int due, int reported, int erased, int failed) {
    }
}
