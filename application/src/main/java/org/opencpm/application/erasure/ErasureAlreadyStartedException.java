package org.opencpm.application.erasure;

import org.opencpm.domain.DomainException;
import org.opencpm.domain.subject.SubjectId;

/** The person's erasure was started already, on another request: one erasure per person. */
public final class ErasureAlreadyStartedException extends DomainException {

    public ErasureAlreadyStartedException(SubjectId subject) {
        super("erasure-started", Kind.CONFLICT, "the erasure of subject " + subject + " was started already, on another request");
    }
}
