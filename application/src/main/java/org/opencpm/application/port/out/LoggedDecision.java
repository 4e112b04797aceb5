package org.opencpm.application.port.out;

import java.time.Instant;
import java.util.Optional;
import org.opencpm.domain.decision.Reason;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/** A decision kept for the record: one made on a lawful basis other than consent (PIPL Art. 13). */
public record LoggedDecision(Optional<SubjectId> subject, PurposeCode purpose, Reason reason, Optional<String> channel,
                             Optional<String> recipient, Instant decidedAt) {
}
