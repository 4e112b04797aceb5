package org.opencpm.connectors.runtime;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * At most {@code perSecond} sends a second for one connector (a platform's quota), as evenly
 * spaced permits. Zero or less means no limit.
 */
final class RateLimiter {

    private final long intervalNanos;
    private final DispatchTime time;
    private long next;

    RateLimiter(double perSecond, DispatchTime time) {
        this.intervalNanos = perSecond <= 0 ? 0 : (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
        this.time = time;
        this.next = time.nanoTime();
    }

    /** Waits for the next permit. */
    void acquire() {
        if (intervalNanos == 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = time.nanoTime();
            long slot = Math.max(next, now);
            next = slot + intervalNanos;
            wait = slot - now;
        }
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
