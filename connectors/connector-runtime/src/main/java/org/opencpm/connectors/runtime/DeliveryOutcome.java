package org.opencpm.connectors.runtime;

import java.time.Duration;
import java.util.Optional;

/** What a failed send means for its deliveries: try again (perhaps after a given time), or give up. */
sealed interface DeliveryOutcome {

    String reason();

    /** A passing failure: 5xx, a reset connection, a timeout, a 429. */
    record Retry(String reason, Optional<Duration> after) implements DeliveryOutcome {
    }

    /** A failure retrying will not mend: a 4xx, a change the platform refuses. */
    record Dead(String reason) implements DeliveryOutcome {
    }
}
