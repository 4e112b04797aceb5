package org.opencpm.connectors.runtime;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When to try a failed delivery again: exponential back-off from {@code base}, doubling per
 * failure, never more than {@code max}, spread by ±{@code jitter} so that a platform coming back
 * is not hit by every retry at once; a platform's own {@code Retry-After} wins (up to {@code max});
 * after {@code maxAttempts} failures the delivery is dead.
 */
public record RedeliveryPolicy(int maxAttempts, Duration base, Duration max, double jitter) {

    /** 12 attempts over roughly half an hour: 1 s, 2 s, 4 s … 5 min. */
    public static final RedeliveryPolicy DEFAULT = new RedeliveryPolicy(12, Duration.ofSeconds(1), Duration.ofMinutes(5), 0.2);

    public RedeliveryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts is at least 1");
        }
        if (base.isNegative() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("0 ≤ base ≤ max");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("0 ≤ jitter < 1");
        }
    }

    /** Whether a delivery that has now failed {@code failures} times is given up on. */
    public boolean exhausted(int failures) {
        return failures >= maxAttempts;
    }

    /** The wait before the next attempt, after {@code failures} failures (1 for the first). */
    public Duration delayAfter(int failures, RandomGenerator random) {
        int doublings = Math.min(Math.max(0, failures - 1), 30);
        long exponential = base.toMillis() << doublings;
        long capped = Math.min(exponential, max.toMillis());
        double spread = 1 + jitter * (2 * random.nextDouble() - 1);
        return Duration.ofMillis(Math.min(max.toMillis(), Math.max(0, Math.round(capped * spread))));
    }

    /** The platform's {@code Retry-After}, kept within {@code max}. */
    public Duration honour(Duration retryAfter) {
        return retryAfter.compareTo(max) > 0 ? max : retryAfter.isNegative() ? Duration.ZERO : retryAfter;
    }
}
