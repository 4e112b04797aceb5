package org.opencpm.application.selfservice;

import org.opencpm.domain.DomainException;

/** Too many codes asked for one phone lately, or too many wrong codes for one challenge; HTTP 429 in effect. */
public final class TooManyCodesException extends DomainException {

    public TooManyCodesException() {
        super("too-many-codes", Kind.CONFLICT, "too many attempts: wait a while and ask for a new code");
    }
}
