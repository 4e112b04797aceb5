package org.opencpm.domain.audit;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks what can be checked of a partial chain — the events of an export filtered by subject,
 * purpose, type or time (PIPL Art. 54–56). Each event's hash covers the hash of the one before it
 * ({@link CanonicalForm}), so across the events left out no link can be checked; what can be:
 * <ul>
 *   <li>every event's hash, recomputed from its content (a changed byte is caught at its seq);</li>
 *   <li>every event is one the export's filter ({@link AuditSelection}) selects;</li>
 *   <li>sequence numbers rising (an event moved or repeated is caught);</li>
 *   <li>the link between events exported one after the other (seq, seq + 1);</li>
 *   <li>every checkpoint's signature, with the given keys only — the keys a chain records for
 *       rotation are trusted through checkpoints covering the events that record them, which a
 *       partial chain cannot show; a checkpoint signed by another key is reported, not skipped;</li>
 *   <li>an exported event at a checkpoint's head seq has the hash the checkpoint signed.</li>
 * </ul>
 * The verdict ({@link PartialVerification}) counts the gaps whose links could not be checked, and
 * the events a signed checkpoint proves: those in a run of consecutive events that ends at an
 * event whose hash a checkpoint signed. Any other event's hash matching its content proves
 * nothing on its own — the canonical form is public, so whoever edits an event can recompute its
 * hash (and the next ones of its run); a subject's export rarely holds the event a checkpoint signed.
 * Whether an event was left out that the filter should have kept cannot be told from a partial
 * chain: only the whole chain ({@link AnchoredChainVerifier}) shows that. Holds one event at a
 * time.
 */
public final class PartialChainVerifier {

    private final CanonicalWriter canonical = new CanonicalWriter();
    private final AuditSelection selection;
    private final Map<Long, List<Checkpoint>> bySeq = new HashMap<>();
    private final List<Checkpoint> checkpoints;
    private final Map<String, PublicKey> trusted = new HashMap<>();
    private long events;
    private long anchored;
    private long unanchoredRun;
    private long links;
    private long gaps;
    private long lastSeq;
    private String lastHash;
    private long problemSeq = Long.MAX_VALUE;
    private String problem;

    /**
     * @param selection   what the export says it holds: an event it would not select is a problem
     *                    (an event from elsewhere in the chain was slipped in, or the filter was edited)
     * @param checkpoints the checkpoints the export carries
     * @param trustedKeys the keys to check their signatures with
     */
    public PartialChainVerifier(AuditSelection selection, Collection<Checkpoint> checkpoints, Collection<PublicKey> trustedKeys) {
        this.selection = selection;
        this.checkpoints = List.copyOf(checkpoints);
        for (Checkpoint c : this.checkpoints) {
            c.head(CheckpointHead.MAIN).ifPresent(h -> bySeq.computeIfAbsent(h.seq(), seq -> new ArrayList<>()).add(c));
        }
        for (PublicKey key : trustedKeys) {
            trusted.put(CheckpointSignatures.keyId(key), key);
        }
    }

    /** Takes the next exported event. */
    public void accept(AuditEvent event) {
        events++;
        long seq = event.seq();
        if (seq <= lastSeq) {
            problem(seq, "sequence number " + seq + " after " + lastSeq + ": an event moved or repeated");
        } else if (lastHash != null && seq == lastSeq + 1) {
            links++;
            if (!event.prevHash().equals(lastHash)) {
                problem(seq, "previous hash does not match the hash of event " + lastSeq);
            }
        } else {
            unanchoredRun = 0; // a new run of consecutive events: a checkpoint after a gap proves nothing before it
            if (seq > 1) {
                gaps++;
            }
        }
        unanchoredRun++;
        if (!canonical.matchesItsHash(event)) {
            problem(seq, "content does not match its hash");
        }
        if (!selection.matches(event)) {
            problem(seq, "event " + seq + " is not one the export's filter selects");
        }
        for (Checkpoint c : bySeq.getOrDefault(seq, List.of())) {
            if (!c.head(CheckpointHead.MAIN).orElseThrow().hash().equals(event.hash())) {
                problem(seq, "checkpoint " + c.number() + " vouches for another event at " + seq);
            } else {
                anchored += unanchoredRun; // this event's hash is signed, and links it to the run before it
                unanchoredRun = 0;
            }
        }
        if (seq > lastSeq) {
            lastSeq = seq;
            lastHash = event.hash();
        }
    }

    /** The verdict on the events taken, with every checkpoint's signature checked. */
    public PartialVerification result() {
        long checked = 0;
        for (Checkpoint c : checkpoints) {
            long seq = c.head(CheckpointHead.MAIN).map(CheckpointHead::seq).orElse(0L);
            PublicKey key = trusted.get(c.keyId());
            if (key == null) {
                problem(seq, "checkpoint " + c.number() + " is signed by key " + c.keyId()
                        + ", which is not among the given public keys (give every key of GET /api/v1/audit/public-keys)");
            } else if (!CheckpointSignatures.verifies(c, key)) {
                problem(seq, "checkpoint " + c.number() + " has a bad signature");
            } else {
                checked++;
            }
        }
        return new PartialVerification(events, anchored, links, gaps, checked,
                problem == null ? Optional.empty() : Optional.of(problemSeq), Optional.ofNullable(problem));
    }

    private void problem(long seq, String why) {
        if (seq < problemSeq) {
            problemSeq = seq;
            problem = why;
        }
    }
}
