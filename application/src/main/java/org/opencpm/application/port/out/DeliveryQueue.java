package org.opencpm.application.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The deliveries the {@link Outbox} wrote, handed out to connector dispatchers in an order that
 * keeps each subject's changes in sequence, and safe for several nodes sharing one database.
 */
public interface DeliveryQueue {

    /**
     * Claims up to {@code limit} deliveries of {@code connectorId} that are due at {@code now}:
     * pending, not before their next attempt, and each the oldest undelivered one of its subject
     * for this connector (a later change of a subject waits while an earlier one is pending or in
     * flight; a dead one does not hold later ones back). Oldest first. The claimed deliveries are
     * in flight for {@code owner} until {@code now + lease}; a lease that runs out (a node died)
     * makes them pending again. Two dispatchers never claim the same delivery.
     */
    List<Delivery> claim(String connectorId, int limit, Instant now, Duration lease, String owner);

    void delivered(long deliveryId, Instant at);

    /** The attempt failed; pending again from {@code nextAttemptAt}, with one more attempt counted. */
    void retryLater(long deliveryId, Instant nextAttemptAt, String error);

    /** Given up on: into the dead-letter store. */
    void dead(long deliveryId, Instant at, String error);

    /** A connector's deliveries in {@code status}, oldest first. */
    List<Delivery> list(String connectorId, DeliveryStatus status, int limit);

    /**
     * Makes dead deliveries pending again with their attempts reset: those in {@code ids}, or all
     * of the connector's when {@code ids} is empty.
     *
     * @return how many were replayed
     */
    int replay(String connectorId, List<Long> ids, Instant now);

    DeliveryCounts counts(String connectorId);
}
