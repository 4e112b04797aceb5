package org.opencpm.application.port.out;

import java.time.Instant;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/** A grant waiting for its double opt-in confirmation, until {@code expiresAt}. */
public record PendingConfirmation(SubjectId subject, PurposeCode purpose, Instant expiresAt) {
}
