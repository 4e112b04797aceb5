package org.opencpm.domain.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Links audit events into a chain: each event's hash is the SHA-256 of its canonical form, which
 * includes its sequence number and the hash of the event before it. The first event follows
 * {@link #GENESIS}. Appending is the only operation; there is no way to change a sealed event
 * without changing its hash and breaking every link after it.
 */
public final class AuditChain {

    /** The "previous hash" of the first event: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    /**
     * Seals {@code draft} as the event after {@code head} (empty for the first event).
     *
     * @throws IllegalArgumentException when the draft still carries personal data in clear: it must
     *                                  be {@link AuditDraft#sealedAs sealed} under its subject's key first
     */
    public static AuditEvent append(AuditDraft draft, Optional<AuditHead> head) {
        if (!draft.personal().isEmpty()) {
            throw new IllegalArgumentException("personal data never joins the chain in clear: seal it under the subject's key first");
        }
        long seq = head.map(h -> h.seq() + 1).orElse(1L);
        String prevHash = head.map(AuditHead::hash).orElse(GENESIS);
        AuditEvent unsealed = new AuditEvent(seq, draft.eventId(), draft.type(), draft.subjectId(), draft.purpose(),
                draft.state(), draft.occurredAt(), draft.recordedAt(), draft.actor(), draft.channel(),
                draft.noticeCode(), draft.noticeVersion(), draft.details(), prevHash, "");
        return withHash(unsealed, new CanonicalWriter().hashOf(unsealed));
    }

    /** The hash {@code event} must carry, computed from everything else in it. */
    public static String hashOf(AuditEvent event) {
        return new CanonicalWriter().hashOf(event);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static AuditEvent withHash(AuditEvent e, String hash) {
        return new AuditEvent(e.seq(), e.eventId(), e.type(), e.subjectId(), e.purpose(), e.state(), e.occurredAt(),
                e.recordedAt(), e.actor(), e.channel(), e.noticeCode(), e.noticeVersion(), e.details(), e.prevHash(), hash);
    }
}
