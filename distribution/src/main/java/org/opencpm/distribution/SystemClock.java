package org.opencpm.distribution;

import java.time.Instant;
import org.opencpm.application.port.out.Clock;

/** The machine's clock. */
final class SystemClock implements Clock {

    @Override
    public Instant now() {
        return Instant.now();
    }
}
