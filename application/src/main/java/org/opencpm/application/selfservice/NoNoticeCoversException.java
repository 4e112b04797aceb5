package org.opencpm.application.selfservice;

import org.opencpm.domain.DomainException;
import org.opencpm.domain.purpose.PurposeCode;

/** No published notice covers the purpose: a consent given now would rest on no notice (PIPL Art. 14, 17); HTTP 422. */
public final class NoNoticeCoversException extends DomainException {

    public NoNoticeCoversException(PurposeCode purpose) {
        super("no-notice-covers", Kind.RULE_VIOLATION, "no published notice covers purpose " + purpose);
    }
}
