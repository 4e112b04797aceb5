package org.opencpm.application.port.in;

import java.time.Instant;
import java.util.Optional;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/**
 * What a recorded consent event gives back, per purpose: the receipt id (the audit event's id),
 * the state now, when it was recorded and the audit hash that proves it.
 *
 * @param state   the subject's state for the purpose once the event is recorded: the one the event
 *                led to, or, for an event that arrived late, the unchanged state of the newer one
 * @param current whether the event is in force; false for an event older than the one in force,
 *                which is kept in the history and changes nothing
 * @param confirmationToken for a grant left pending by double opt-in: the token the person's
 *                          confirmation link must carry (shown once, stored only as a hash)
 */
public record ConsentReceipt(
        String receiptId,
        SubjectId subjectId,
        PurposeCode purpose,
        ConsentState state,
        boolean current,
        long version,
        Instant recordedAt,
        String auditHash,
        Optional<String> confirmationToken) {

    /** This receipt without its confirmation token, as kept for idempotent replays. */
    public ConsentReceipt withoutConfirmationToken() {
        return new ConsentReceipt(receiptId, subjectId, purpose, state, current, version, recordedAt, auditHash, Optional.empty());
    }
}
