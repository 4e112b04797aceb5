package org.opencpm.application.port.in;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opencpm.domain.preference.PeriodLimit;
import org.opencpm.domain.decision.Reason;
import org.opencpm.domain.subject.SubjectId;

/**
 * A permit to send one message, or the reason there is none.
 *
 * @param taken the frequency-cap limits a unit was taken from for it (none when uncapped or refused)
 */
public record SendPermit(boolean granted, Optional<String> permitId, Reason reason, Optional<SubjectId> subjectId,
                         Instant decidedAt, List<PeriodLimit> taken) {

    public SendPermit {
        taken = List.copyOf(taken);
    }

    /** @param subjectId empty for a person OpenCPM has never seen, on a purpose that needs no consent */
    public static SendPermit granted(String permitId, Reason reason, Optional<SubjectId> subjectId, Instant at) {
        return granted(permitId, reason, subjectId, at, List.of());
    }

    /** A permit for which a unit of each of {@code taken} was taken. */
    public static SendPermit granted(String permitId, Reason reason, Optional<SubjectId> subjectId, Instant at, List<PeriodLimit> taken) {
        return new SendPermit(true, Optional.of(permitId), reason, subjectId, at, taken);
    }

    public static SendPermit refused(Reason reason, Optional<SubjectId> subjectId, Instant at) {
        return new SendPermit(false, Optional.empty(), reason, subjectId, at, List.of());
    }
}
