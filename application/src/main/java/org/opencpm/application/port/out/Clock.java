package org.opencpm.application.port.out;

import java.time.Instant;

/** The current time. Tests fix it; production reads the system clock. */
public interface Clock {

    Instant now();
}
