package org.opencpm.domain.purpose;

import org.opencpm.domain.DomainException;

/**
 * A purpose definition contradicts itself in a way the law cares about: a cross-border purpose
 * with no overseas recipient, an overseas recipient on a purpose not marked cross-border, a
 * sensitive data element on a purpose not marked sensitive, a sharing purpose that names nobody.
 */
public final class InvalidPurposeDefinitionException extends DomainException {

    public InvalidPurposeDefinitionException(String message) {
        super("purpose-definition-invalid", Kind.RULE_VIOLATION, message);
    }
}
