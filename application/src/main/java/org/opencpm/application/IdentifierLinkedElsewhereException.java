package org.opencpm.application;

import org.opencpm.domain.DomainException;

/**
 * An identifier to be added already leads to another subject. OpenCPM never moves an identifier
 * from one person to another on its own: if both are one person, merge them
 * ({@code POST /api/v1/subjects:merge}). Neither the identifier nor the other subject is named.
 */
public final class IdentifierLinkedElsewhereException extends DomainException {

    public IdentifierLinkedElsewhereException(String field) {
        super("identifier-linked-elsewhere", Kind.CONFLICT, field + " already belongs to another subject;"
                + " if both are the same person, merge the two subjects (POST /api/v1/subjects:merge)");
    }
}
