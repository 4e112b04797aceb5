package org.opencpm.application.port.out;

import java.util.Optional;

/**
 * How one connector's deliveries stand.
 *
 * @param failed         pending deliveries that have failed at least once (retrying)
 * @param oldestPendingCreatedAtMillis when the oldest undelivered change was written: the lag
 */
public record DeliveryCounts(long pending, long inflight, long delivered, long failed, long dead,
                             Optional<Long> oldestPendingCreatedAtMillis) {

    public static final DeliveryCounts NONE = new DeliveryCounts(0, 0, 0, 0, 0, Optional.empty());
}
