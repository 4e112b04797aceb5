package org.opencpm.application.selfservice;

import org.opencpm.domain.DomainException;

/**
 * The code does not open anything: wrong, expired, for another phone, or the phone is nobody's. One
 * answer for all, so that a wrong guess teaches nothing; HTTP 422.
 */
public final class CodeRefusedException extends DomainException {

    public CodeRefusedException() {
        super("code-refused", Kind.RULE_VIOLATION, "the code is wrong or has expired");
    }
}
