package org.opencpm.application;

import org.opencpm.domain.DomainException;
import org.opencpm.domain.subject.SubjectId;

/**
 * The subject was erased, or is being erased: nothing of them can be read or changed any more
 * (PIPL Art. 47); HTTP 410.
 */
public final class SubjectErasedException extends DomainException {

    public SubjectErasedException(SubjectId subject) {
        this(subject, true);
    }

    /** @param finished false while the erasure waits for the connectors to carry it */
    public SubjectErasedException(SubjectId subject, boolean finished) {
        super("subject-erased", Kind.GONE, "subject " + subject + (finished ? " was erased" : " is being erased"));
    }
}
