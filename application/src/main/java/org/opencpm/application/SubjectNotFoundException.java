package org.opencpm.application;

import org.opencpm.domain.DomainException;
import org.opencpm.domain.subject.SubjectId;

/** No subject has this id. */
public final class SubjectNotFoundException extends DomainException {

    public SubjectNotFoundException(SubjectId subject) {
        // the id is not repeated: a phone number sent where a subject id belongs must not come back
        super("subject-not-found", Kind.NOT_FOUND, "no subject has this id");
    }

    /** No subject has the identifiers given; they are not repeated in the message. */
    public SubjectNotFoundException() {
        super("subject-not-found", Kind.NOT_FOUND, "no subject has these identifiers");
    }
}
