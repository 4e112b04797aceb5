package org.opencpm.application.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The dispatchers' side of the deliveries the {@link Outbox} wrote: claimed in an order that keeps
 * each subject's changes in sequence, safe for several nodes sharing one database, and each
 * claim's outcome reported back. Operators see and replay dead letters through {@link DeadLetters};
 * old receipts go through {@link DeliveryRetention}.
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

    /*
     * The outcomes below apply only to deliveries still in flight for {@code owner}: a node whose
     * lease ran out (it hung) and whose deliveries another node has claimed since changes nothing.
     */

    /**
     * The platform took them (all the deliveries of one message, acknowledged together).
     *
     * @return how many were marked delivered
     */
    int delivered(List<Long> deliveryIds, String owner, Instant at);

    /** The attempt failed; pending again from {@code nextAttemptAt}, with one more attempt counted. */
    boolean retryLater(long deliveryId, String owner, Instant nextAttemptAt, String error);

    /** Given up on: into the dead-letter store ({@link DeadLetters}). */
    boolean dead(long deliveryId, String owner, Instant at, String error);

    /**
     * Makes every delivery in flight for {@code owner} pending again, as it is due: that node has
     * just started, so none of them is being sent any more.
     *
     * @return how many were released
     */
    int release(String owner, Instant now);
}
