package org.opencpm.application;

import org.opencpm.domain.DomainException;
import org.opencpm.domain.subject.SubjectId;

/**
 * The subject was merged into another and is no subject of its own any more: its history and
 * consents are those of {@link #mergedInto()} (the subject that now stands for the person, at the
 * end of any chain of merges). The REST adapter answers 410 naming it.
 */
public final class SubjectMergedException extends DomainException {

    private final transient SubjectId subject;
    private final transient SubjectId mergedInto;

    public SubjectMergedException(SubjectId subject, SubjectId mergedInto) {
        super("subject-merged", Kind.CONFLICT, "subject " + subject + " was merged into " + mergedInto);
        this.subject = subject;
        this.mergedInto = mergedInto;
    }

    public SubjectId subject() {
        return subject;
    }

    public SubjectId mergedInto() {
        return mergedInto;
    }
}
