package org.opencpm.connectors.runtime;

import java.time.Clock;
import java.time.Instant;

/**
 * The dispatcher's one source of time. It reads two kinds: instants, for what it records in the
 * queue (when a delivery is due again, when it was delivered), and a monotonic count of
 * nanoseconds, for how long it waits (a platform's Retry-After, the batch and acknowledgement
 * windows, the rate limit), so that a wall clock set back or forward neither stretches nor cuts a
 * wait. Both come from one object so that a test can move them together with a fake one and
 * watch an hour's Retry-After end at once, instead of measuring waits on the wall clock.
 */
interface DispatchTime {

    /** Now, as recorded in the queue. */
    Instant instant();

    /** A monotonic count of nanoseconds, only ever compared with another one from the same source. */
    long nanoTime();

    /** The application's clock for instants, {@link System#nanoTime()} for waits. */
    static DispatchTime of(Clock clock) {
        return new OfClock(clock);
    }

    /** Production time: the injected clock and the JVM's monotonic timer. */
    record OfClock(Clock clock) implements DispatchTime {

        @Override
        public Instant instant() {
            return clock.instant();
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }
    }
}
