package org.opencpm.application.selfservice;

import org.opencpm.domain.DomainException;
import org.opencpm.domain.purpose.PurposeCode;

/**
 * The purpose does not rest on consent (a contract, a legal obligation: PIPL Art. 13): there is no
 * consent of the person's to withdraw or give for it; HTTP 422.
 */
public final class NotConsentBasedException extends DomainException {

    public NotConsentBasedException(PurposeCode purpose) {
        super("not-consent-based", Kind.RULE_VIOLATION, "purpose " + purpose + " does not rest on consent");
    }
}
