package org.opencpm.connectors.runtime;

import java.time.Duration;
import java.util.Optional;

/** What a send means for its deliveries: settled, try again (perhaps after a given time), or give up. */
sealed interface DeliveryOutcome {

    /** The platform took the change. */
    Done DELIVERED = new Done("delivered");

    String reason();

    /** Settled: the platform took the change, or had nothing to do with it (its connector said so). */
    record Done(String reason) implements DeliveryOutcome {
    }

    /** A passing failure: 5xx, a reset connection, a timeout, a 429. */
    record Retry(String reason, Optional<Duration> after) implements DeliveryOutcome {
    }

    /** A failure retrying will not mend: a 4xx, a change the platform refuses. */
    record Dead(String reason) implements DeliveryOutcome {
    }
}
