package org.opencpm.application.port.in;

import java.util.Objects;
import java.util.Optional;
import org.opencpm.domain.subject.SubjectId;

/**
 * Erase {@code subject}: on the person's deletion request {@code requestId}, or because its
 * retention ran out ({@link Reason#RETENTION}, no request).
 */
public record EraseSubjectCommand(SubjectId subject, Reason reason, Optional<String> requestId, Actor actor) {

    /** Why a person is erased; the tombstone says it. */
    public enum Reason {
        /** The person asked (PIPL Art. 47 (1) with Art. 15), on a rights request. */
        REQUEST,
        /** The retention period of every purpose ran out with no other basis left (Art. 47 (2), Art. 19). */
        RETENTION
    }

    public EraseSubjectCommand {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(actor, "actor");
        if (reason == Reason.REQUEST && requestId.isEmpty()) {
            throw new IllegalArgumentException("an erasure on request names the request");
        }
    }
}
