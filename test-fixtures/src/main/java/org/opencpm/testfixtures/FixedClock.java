package org.opencpm.testfixtures;

import java.time.Duration;
import java.time.Instant;
import org.opencpm.application.port.out.Clock;

/** A clock that stands still until a test moves it. */
public final class FixedClock implements Clock {

    private volatile Instant now;

    public FixedClock(Instant now) {
        this.now = now;
    }

    @Override
    public Instant now() {
        return now;
    }

    public void set(Instant instant) {
        now = instant;
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }
}
