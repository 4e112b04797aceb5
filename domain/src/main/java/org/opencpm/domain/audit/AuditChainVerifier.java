package org.opencpm.domain.audit;

import java.util.List;
import java.util.Optional;

/**
 * Walks an audit chain in order and finds the first event that breaks it: a sequence number out
 * of place (an event deleted, inserted or moved), a previous-hash that is not its predecessor's
 * hash, or a hash that does not match the event's content (a field changed).
 *
 * <p>It holds one event at a time, so a chain of any length verifies in constant memory:
 * {@link #accept} each event, then {@link #result}. An optional {@link AuditHead head} that the
 * verifier was given by other means (a signed checkpoint) also catches events cut from the end.
 */
public final class AuditChainVerifier {

    private final CanonicalWriter canonical = new CanonicalWriter();
    private long expectedSeq;
    private String expectedPrevHash;
    private long events;
    private Long brokenAt;
    private String problem;

    /** Verifies a whole chain, from sequence number 1. */
    public AuditChainVerifier() {
        this(1, AuditChain.GENESIS);
    }

    /** Verifies the part of a chain that starts after {@code anchorSeq - 1}, whose hash was {@code anchorPrevHash}. */
    public AuditChainVerifier(long firstSeq, String anchorPrevHash) {
        this.expectedSeq = firstSeq;
        this.expectedPrevHash = anchorPrevHash;
    }

    /** Takes the next event; returns false once the chain is broken (later events are only counted). */
    public boolean accept(AuditEvent event) {
        return accept(event, brokenAt == null && canonical.matchesItsHash(event));
    }

    /**
     * Takes the next event whose content was already checked against its hash elsewhere (another
     * thread: {@link #contentMatches}); links and sequence numbers are checked here, in order.
     */
    public boolean accept(AuditEvent event, boolean contentMatchesHash) {
        events++;
        if (brokenAt != null) {
            return false;
        }
        if (event.seq() != expectedSeq) {
            return broken(event.seq(), "sequence number " + event.seq() + " where " + expectedSeq + " was due");
        }
        if (!event.prevHash().equals(expectedPrevHash)) {
            return broken(event.seq(), "previous hash does not match the hash of event " + (expectedSeq - 1));
        }
        if (!contentMatchesHash) {
            return broken(event.seq(), "content does not match its hash");
        }
        expectedSeq++;
        expectedPrevHash = event.hash();
        return true;
    }

    private boolean broken(long seq, String why) {
        brokenAt = seq;
        problem = why;
        return false;
    }

    /** The verdict on everything accepted so far. */
    public VerificationResult result() {
        return result(Optional.empty());
    }

    /**
     * The verdict, also checking that the chain reaches {@code head}: an event with the head's
     * sequence number and hash must have been accepted.
     */
    public VerificationResult result(Optional<AuditHead> head) {
        if (brokenAt != null) {
            return VerificationResult.broken(events, brokenAt, problem);
        }
        long lastSeq = expectedSeq - 1;
        if (head.isPresent()) {
            AuditHead h = head.get();
            if (lastSeq < h.seq()) {
                return VerificationResult.broken(events, lastSeq + 1, "the chain ends at " + lastSeq + " but its head is " + h.seq());
            }
            if (lastSeq == h.seq() && !expectedPrevHash.equals(h.hash())) {
                return VerificationResult.broken(events, h.seq(), "event " + h.seq() + " does not match the head hash");
            }
        }
        return VerificationResult.valid(events, lastSeq == 0 ? Optional.empty() : Optional.of(expectedPrevHash));
    }

    /**
     * Whether each event carries the hash of its own content — the costly, independent part of
     * verification, which callers may run for many events at once on other threads.
     */
    public static boolean[] contentMatches(List<AuditEvent> events) {
        CanonicalWriter writer = new CanonicalWriter();
        boolean[] matches = new boolean[events.size()];
        for (int i = 0; i < matches.length; i++) {
            matches[i] = writer.matchesItsHash(events.get(i));
        }
        return matches;
    }

    /** Verifies {@code chain} from the start. */
    public static VerificationResult verify(Iterable<AuditEvent> chain) {
        AuditChainVerifier verifier = new AuditChainVerifier();
        for (AuditEvent event : chain) {
            verifier.accept(event);
        }
        return verifier.result();
    }
}
