package org.opencpm.application.port.in;

import java.time.Instant;
import java.util.Optional;
import org.opencpm.domain.decision.Reason;
import org.opencpm.domain.subject.SubjectId;

/** A permit to send one message, or the reason there is none. */
public record SendPermit(boolean granted, Optional<String> permitId, Reason reason, Optional<SubjectId> subjectId,
                         Instant decidedAt) {

    /** @param subjectId empty for a person OpenCPM has never seen, on a purpose that needs no consent */
    public static SendPermit granted(String permitId, Reason reason, Optional<SubjectId> subjectId, Instant at) {
        return new SendPermit(true, Optional.of(permitId), reason, subjectId, at);
    }

    public static SendPermit refused(Reason reason, Optional<SubjectId> subjectId, Instant at) {
        return new SendPermit(false, Optional.empty(), reason, subjectId, at);
    }
}
