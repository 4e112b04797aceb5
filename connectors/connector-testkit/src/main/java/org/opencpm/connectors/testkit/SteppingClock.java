package org.opencpm.connectors.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock (UTC) that stands still until the test moves it: what the host records while it stands (a
 * retry's due time after a 429, say) is exact, so a test checks it instead of measuring gaps
 * between the platform's request timestamps on the wall clock. Give it to the host with
 * {@code ConnectorKit.clock} or {@code ConnectorHarness.Builder.clock}; a connector's own token
 * expiry can be tested the same way.
 */
public final class SteppingClock extends Clock {

    private final AtomicReference<Instant> now;

    public SteppingClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** Moves the clock on by {@code by}. */
    public void advance(Duration by) {
        now.updateAndGet(instant -> instant.plus(by));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the suite's clock is UTC");
    }
}
