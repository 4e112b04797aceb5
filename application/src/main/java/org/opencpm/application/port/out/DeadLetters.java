package org.opencpm.application.port.out;

import java.time.Instant;
import java.util.List;
import org.opencpm.domain.subject.SubjectId;

/**
 * The operators' side of the deliveries: how each connector's stand, the deliveries in one status
 * (the dead letters above all), dead letters sent again, and what one person's changes were sent
 * where (their export).
 */
public interface DeadLetters {

    /** The last error of a dead delivery that {@link #replay} found overtaken, and marked delivered instead of sending it. */
    String SUPERSEDED = "superseded by a newer change of its subject and purpose for this connector";

    /** A connector's deliveries in {@code status}, oldest first; none when {@code limit} is not positive. */
    List<Delivery> list(String connectorId, DeliveryStatus status, int limit);

    /**
     * A page of the deliveries of {@code subject}'s changes, to every connector: those with ids above
     * {@code afterId}, in id order, at most {@code limit} (none when {@code limit} is not positive).
     * What the person's export lists as "which connectors were sent what and when" (PIPL Art. 45);
     * receipts already purged ({@link DeliveryRetention}) are no longer there. Paged, so that a person
     * with a long history is read a page at a time.
     */
    List<Delivery> ofSubject(SubjectId subject, long afterId, int limit);

    /** How many of a connector's deliveries are in each status, and the lag. */
    DeliveryCounts counts(String connectorId);

    /**
     * Makes dead deliveries pending again with their attempts reset and their next attempt at
     * {@code now}: those in {@code ids}, or all of the connector's when {@code ids} is empty (ids of
     * another connector's, or not dead, are passed over). A dead delivery that a newer change has
     * overtaken — a later delivery of the same subject, connector and purpose (or, for a preference
     * change, a later preference change) was delivered or is on its way (pending, in flight) — is
     * not sent: it is marked delivered at {@code now} with the error {@value #SUPERSEDED}, so the
     * platform never goes back to an older state.
     */
    ReplayResult replay(String connectorId, List<Long> ids, Instant now);

    /** What a replay did. */
    record ReplayResult(int replayed, int superseded) {
    }
}
