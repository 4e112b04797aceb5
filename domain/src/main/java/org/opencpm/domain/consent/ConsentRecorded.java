package org.opencpm.domain.consent;

import java.time.Instant;
import java.util.Optional;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.Guardian;
import org.opencpm.domain.subject.SubjectId;

/**
 * Domain event: one consent changed. Carries everything the audit trail, the outbox and the
 * decision index need to know about the change, and nothing about how it is stored.
 *
 * @param previous   the state before, empty when nothing was recorded
 * @param version    the subject's change counter after this change
 * @param erasureDue processing on consent stopped (withdrawal or expiry of a grant): the data
 *                   must be deleted unless another lawful basis remains (PIPL Art. 47)
 */
public record ConsentRecorded(
        SubjectId subject,
        PurposeCode purpose,
        ConsentAction action,
        Optional<ConsentState> previous,
        ConsentState state,
        long version,
        Instant occurredAt,
        Evidence evidence,
        Optional<NoticeStamp> notice,
        Optional<Guardian> guardian,
        Optional<Instant> expiresAt,
        boolean erasureDue) {
}
