package org.opencpm.application;

import org.opencpm.domain.DomainException;

/** A merge that cannot be done: the subjects are the same one, or one of them no longer stands on its own. */
public final class SubjectsNotMergeableException extends DomainException {

    public SubjectsNotMergeableException(String reason) {
        super("subjects-not-mergeable", Kind.CONFLICT, reason);
    }
}
