package org.opencpm.domain.audit;

import java.util.Optional;

/**
 * The verdict on a <em>partial</em> chain (an export filtered by time, subject, purpose or type):
 * what could be checked, and how much could not. Deliberately not a {@link VerificationResult}, so
 * that no caller can take it for the verdict on a whole chain: even when {@link #holds()}, nothing
 * here proves that no event was left out.
 *
 * @param events       how many events were read
 * @param anchored     how many of them a trusted checkpoint proves (a run of consecutive events
 *                     ending at one whose hash a checkpoint signed); the others' hashes match their
 *                     contents, which whoever wrote the file could have arranged by recomputing them
 * @param linksChecked links checked between events exported one after the other (seq, seq + 1)
 * @param gaps         places where events were left out (before the first event too, unless it
 *                     is event 1): the links across them could not be checked
 * @param checkpoints  checkpoints whose signature was checked with a given key and holds
 * @param brokenAt     the first sequence number at which something that could be checked does not hold
 */
public record PartialVerification(long events, long anchored, long linksChecked, long gaps, long checkpoints, Optional<Long> brokenAt,
                                  Optional<String> problem) {

    /** True when everything that could be checked holds — not that the chain is whole. */
    public boolean holds() {
        return brokenAt.isEmpty();
    }
}
