package org.opencpm.application.port.out;

import java.util.List;
import org.opencpm.domain.subject.SubjectId;

/**
 * Changes waiting to be carried to connectors. {@link #enqueue} joins the transaction of the
 * change, so nothing committed is ever lost and nothing rolled back is ever sent.
 */
public interface Outbox {

    /**
     * Keeps {@code change}, and one delivery of it for each connector in {@code connectors} (the
     * {@link DeliveryQueue} hands them out to the dispatchers). With no connector there is nothing
     * to deliver, and a store need keep nothing (the database's keeps no row, ADR 0025).
     */
    void enqueue(ConsentChange change, List<String> connectors);

    /** A change and the connectors it goes to, as {@link #enqueue} takes them. */
    record Enqueued(ConsentChange change, List<String> connectors) {
        public Enqueued {
            connectors = List.copyOf(connectors);
        }
    }

    /** {@link #enqueue}s each change, in the order given: a batch's, sent to the database together. */
    default void enqueueAll(List<Enqueued> changes) {
        changes.forEach(entry -> enqueue(entry.change(), entry.connectors()));
    }

    /** How many deliveries of {@code subject}'s changes have not reached their connector yet (pending, failing or dead). */
    long undeliveredOf(SubjectId subject);
}
