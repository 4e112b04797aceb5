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
 * @param state      the state in force after the event: the one it led to, or for a late event
 *                   the unchanged state of the newer event in force
 * @param erasureDue processing on consent stopped (withdrawal, denial or expiry of a grant): the
 *                   data must be deleted unless another lawful basis remains (PIPL Art. 47)
 * @param lateBehind for an event older than the one in force when it arrived ({@link EventOrder}):
 *                   the {@code occurredAt} of that newer event; such an event changed nothing
 * @param claimedOccurredAt the time the client gave when it lay ahead of the time of recording
 *                   (within the allowed clock skew); {@code occurredAt} is then the time of recording
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
        boolean erasureDue,
        Optional<Instant> lateBehind,
        Optional<Instant> claimedOccurredAt) {

    /** Whether the event took effect: false for a late event, kept only in the history. */
    public boolean current() {
        return lateBehind.isEmpty();
    }
}
