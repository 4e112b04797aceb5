package org.opencpm.domain.audit;

import java.util.Optional;

/**
 * The verdict on an audit chain: valid with its last hash, or broken at the first event that
 * does not hold, with why; and how far signed checkpoints anchor it.
 *
 * @param events          how many events were read
 * @param checkpoints     how many checkpoints were checked (signature and head) and hold
 * @param anchoredThrough the highest sequence number a valid checkpoint vouches for (0: none)
 * @param note            what a valid verdict does not cover (events after the last checkpoint)
 */
public record VerificationResult(boolean valid, long events, Optional<String> lastHash, Optional<Long> brokenAt,
                                 Optional<String> problem, long checkpoints, long anchoredThrough, Optional<String> note) {

    public static VerificationResult valid(long events, Optional<String> lastHash) {
        return new VerificationResult(true, events, lastHash, Optional.empty(), Optional.empty(), 0, 0, Optional.empty());
    }

    public static VerificationResult broken(long events, long brokenAt, String problem) {
        return new VerificationResult(false, events, Optional.empty(), Optional.of(brokenAt), Optional.of(problem), 0, 0,
                Optional.empty());
    }

    /** This verdict with what the checkpoints say. */
    public VerificationResult anchored(long checkpoints, long anchoredThrough, Optional<String> note) {
        return new VerificationResult(valid, events, lastHash, brokenAt, problem, checkpoints, anchoredThrough, note);
    }
}
