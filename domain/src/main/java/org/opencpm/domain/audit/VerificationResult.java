package org.opencpm.domain.audit;

import java.util.Optional;

/**
 * The verdict on an audit chain: valid with its last hash, or broken at the first event that
 * does not hold, with why.
 *
 * @param events how many events were read
 */
public record VerificationResult(boolean valid, long events, Optional<String> lastHash, Optional<Long> brokenAt,
                                 Optional<String> problem) {

    public static VerificationResult valid(long events, Optional<String> lastHash) {
        return new VerificationResult(true, events, lastHash, Optional.empty(), Optional.empty());
    }

    public static VerificationResult broken(long events, long brokenAt, String problem) {
        return new VerificationResult(false, events, Optional.empty(), Optional.of(brokenAt), Optional.of(problem));
    }
}
