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

    /** Given up on: into the dead-letter store. */
    boolean dead(long deliveryId, String owner, Instant at, String error);

    /**
     * Makes every delivery in flight for {@code owner} pending again, as it is due: that node has
     * just started, so none of them is being sent any more.
     *
     * @return how many were released
     */
    int release(String owner, Instant now);

    /** A connector's deliveries in {@code status}, oldest first. */
    List<Delivery> list(String connectorId, DeliveryStatus status, int limit);

    /**
     * Makes dead deliveries pending again with their attempts reset: those in {@code ids}, or all
     * of the connector's when {@code ids} is empty. A dead delivery that a newer change has
     * overtaken — a later delivery of the same subject, connector and purpose (or, for a preference
     * change, a later preference change) was delivered or is on its way (pending, in flight) — is
     * not sent: it is marked delivered with the error "superseded", so the platform never goes back
     * to an older state.
     */
    ReplayResult replay(String connectorId, List<Long> ids, Instant now);

    /** What a replay did. */
    record ReplayResult(int replayed, int superseded) {
    }

    DeliveryCounts counts(String connectorId);

    /**
     * Deletes deliveries delivered before {@code before}, and outbox changes written before it
     * that have no delivery left: the receipts are kept for the retention period only. A delivered
     * one that an earlier dead delivery of its connector and subject could be superseded by is kept
     * (until that one is replayed).
     *
     * @return how many deliveries were deleted
     */
    int purgeDelivered(Instant before);
}
