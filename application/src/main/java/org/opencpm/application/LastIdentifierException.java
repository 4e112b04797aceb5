package org.opencpm.application;

import org.opencpm.domain.DomainException;

/**
 * A removal would leave the subject with no identifier: nothing could find the person any more,
 * and their consents would be orphaned. Erase the subject instead, if that is what is meant.
 */
public final class LastIdentifierException extends DomainException {

    public LastIdentifierException() {
        super("last-identifier", Kind.RULE_VIOLATION,
                "a subject keeps at least one identifier; to delete the person, erase the subject");
    }
}
