package org.opencpm.application;

import org.opencpm.domain.DomainException;
import org.opencpm.domain.subject.SubjectId;

/** The subject was erased: nothing of them can be read or changed any more (PIPL Art. 47); HTTP 410. */
public final class SubjectErasedException extends DomainException {

    public SubjectErasedException(SubjectId subject) {
        super("subject-erased", Kind.GONE, "subject " + subject + " was erased");
    }
}
