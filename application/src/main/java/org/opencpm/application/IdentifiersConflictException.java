package org.opencpm.application;

import org.opencpm.domain.DomainException;

/** The identifiers given belong to different subjects: OpenCPM never merges people on its own. */
public final class IdentifiersConflictException extends DomainException {

    public IdentifiersConflictException(int subjects) {
        super("identifiers-conflict", Kind.CONFLICT, "the identifiers given belong to " + subjects + " different subjects; send them in separate events");
    }
}
