package org.opencpm.connectors.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time that stands still until a test moves it: instants and nanoseconds move together, so a
 * dispatcher's waits end exactly when the test says, however slow the machine. It counts how
 * often it is read, so a test can tell the dispatcher has looked at it since some point.
 */
final class FakeDispatchTime implements DispatchTime {

    private final Instant start;
    private final AtomicLong elapsedNanos = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();

    FakeDispatchTime(Instant start) {
        this.start = start;
    }

    @Override
    public Instant instant() {
        reads.incrementAndGet();
        return start.plusNanos(elapsedNanos.get());
    }

    @Override
    public long nanoTime() {
        reads.incrementAndGet();
        return elapsedNanos.get();
    }

    void advance(Duration by) {
        elapsedNanos.addAndGet(by.toNanos());
    }

    long reads() {
        return reads.get();
    }
}
