package org.opencpm.application.port.out;

import java.time.Instant;

/** Housekeeping of the deliveries: receipts are kept for the retention period only. */
public interface DeliveryRetention {

    /**
     * Deletes deliveries delivered before {@code before}, and outbox changes written before it
     * that have no delivery left. A delivered one that an earlier dead delivery of its connector
     * and subject could be superseded by is kept (until that one is replayed). Dead, pending and
     * in-flight deliveries stay.
     *
     * @return how many deliveries were deleted
     */
    int purgeDelivered(Instant before);
}
