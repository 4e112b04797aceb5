package org.opencpm.domain.purpose;

import org.opencpm.domain.Coded;

/** The seven lawful bases of PIPL Art. 13. Only {@link #CONSENT} makes a decision depend on consent. */
public enum LegalBasis implements Coded {
    CONSENT,
    CONTRACT,
    LEGAL_OBLIGATION,
    VITAL_INTEREST,
    PUBLIC_INTEREST,
    NEWS_REPORTING,
    PUBLIC_INFORMATION;

    public boolean requiresConsent() {
        return this == CONSENT;
    }
}
