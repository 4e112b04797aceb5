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
 * @param confirmationToken for a grant left pending by double opt-in: the token the person's
 *                          confirmation link must carry (shown once, stored only as a hash)
 */
public record ConsentReceipt(
        String receiptId,
        SubjectId subjectId,
        PurposeCode purpose,
        ConsentState state,
        long version,
        Instant recordedAt,
        String auditHash,
        Optional<String> confirmationToken) {

    /** This receipt without its confirmation token, as kept for idempotent replays. */
    public ConsentReceipt withoutConfirmationToken() {
        return new ConsentReceipt(receiptId, subjectId, purpose, state, version, recordedAt, auditHash, Optional.empty());
    }
}
