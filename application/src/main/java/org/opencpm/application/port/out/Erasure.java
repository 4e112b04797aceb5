package org.opencpm.application.port.out;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.opencpm.application.port.in.EraseSubjectCommand;
import org.opencpm.domain.subject.SubjectId;

/**
 * A person's erasure: started at {@code startedAt}, waiting for the connectors until
 * {@code waitUntil} at most, finished at {@code erasedAt}. Kept after it finished, as the index of
 * its tombstone: the subject id alone, no personal data.
 */
public record Erasure(SubjectId subject, EraseSubjectCommand.Reason reason, Optional<String> requestId, Instant startedAt,
                      Instant waitUntil, Optional<Instant> erasedAt) {

    public Erasure {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(waitUntil, "waitUntil");
        Objects.requireNonNull(erasedAt, "erasedAt");
    }

    public boolean finished() {
        return erasedAt.isPresent();
    }

    public Erasure finishedAt(Instant at) {
        return new Erasure(subject, reason, requestId, startedAt, waitUntil, Optional.of(at));
    }
}
