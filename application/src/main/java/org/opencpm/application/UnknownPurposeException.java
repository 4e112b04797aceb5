package org.opencpm.application;

import org.opencpm.domain.DomainException;
import org.opencpm.domain.purpose.PurposeCode;

/** A consent event, notice or decision names a purpose that is not defined. */
public final class UnknownPurposeException extends DomainException {

    public UnknownPurposeException(PurposeCode purpose) {
        super("unknown-purpose", Kind.RULE_VIOLATION, "purpose " + purpose + " is not defined: define it with PUT /api/v1/purposes/" + purpose + " first");
    }
}
