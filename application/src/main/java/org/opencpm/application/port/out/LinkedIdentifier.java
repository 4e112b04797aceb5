package org.opencpm.application.port.out;

import org.opencpm.domain.subject.IdentifierType;

/** One identifier of a subject as stored: its type, its lookup hash and its encrypted value. */
public record LinkedIdentifier(IdentifierType type, IdentifierHash hash, SealedIdentifier sealed) {
}
