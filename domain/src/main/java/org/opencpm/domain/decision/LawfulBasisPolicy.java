package org.opencpm.domain.decision;

import org.opencpm.domain.purpose.Purpose;

/**
 * Consent is one lawful basis of seven (PIPL Art. 13). A purpose that rests on another — a
 * contract the person is party to, a legal obligation, an emergency — is decided without asking
 * for consent; the decision is still logged, and the person's marketing preferences do not apply.
 */
public final class LawfulBasisPolicy {

    private LawfulBasisPolicy() {
    }

    /** Whether {@code purpose} is decided without consent. */
    public static boolean decidesWithoutConsent(Purpose purpose) {
        return !purpose.legalBasis().requiresConsent();
    }
}
