package org.opencpm.testfixtures;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.Delivery;
import org.opencpm.application.port.out.DeliveryStatus;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.application.port.out.Outbox;
import org.opencpm.connectors.runtime.memory.InMemoryDeliveryQueue;

/**
 * Keeps each change, and hands its deliveries to the {@link InMemoryDeliveryQueue} (the connector
 * runtime's, which the connector test kit runs on too), taken back if the transaction rolls back.
 */
public final class InMemoryOutbox implements Outbox {

    private final List<ConsentChange> changes = new CopyOnWriteArrayList<>();
    private final InMemoryTransactions tx;
    private final InMemoryDeliveryQueue deliveries;
    private volatile RuntimeException nextFailure;
    private final Set<String> auditEvents = ConcurrentHashMap.newKeySet();

    public InMemoryOutbox(InMemoryTransactions tx, InMemoryDeliveryQueue deliveries) {
        this.tx = tx;
        this.deliveries = deliveries;
    }

    @Override
    public void enqueue(ConsentChange change, List<String> connectors) {
        RuntimeException failure = nextFailure;
        if (failure != null) {
            nextFailure = null;
            throw failure;
        }
        // as the database's outbox, keyed by the audit event: one change per event
        if (!auditEvents.add(change.auditEventId())) {
            throw new IllegalArgumentException("a second change names audit event " + change.auditEventId());
        }
        changes.add(change);
        tx.onRollback(() -> {
            changes.remove(change);
            auditEvents.remove(change.auditEventId());
        });
        for (String connector : new LinkedHashSet<>(connectors)) { // one delivery per connector, named twice or not
            Delivery delivery = deliveries.offer(change, connector);
            tx.onRollback(() -> deliveries.withdraw(delivery.id()));
        }
    }

    public List<ConsentChange> changes() {
        return List.copyOf(changes);
    }

    /** Makes the next enqueue fail, as a lost database connection would. */
    public void failNextEnqueue(RuntimeException failure) {
        nextFailure = failure;
    }

    @Override
    public long undeliveredOf(SubjectId subject) {
        return deliveries.all().stream()
                .filter(d -> d.change().subject().equals(subject) && d.status() != DeliveryStatus.DELIVERED)
                .count();
    }

    /** Deletes {@code subject}'s changes and their deliveries (the shredder's part); returns {changes, deliveries}. */
    public int[] forget(SubjectId subject) {
        List<ConsentChange> gone = changes.stream().filter(c -> c.subject().equals(subject)).toList();
        changes.removeAll(gone);
        tx.onRollback(() -> changes.addAll(gone));
        int deliveriesGone = 0;
        for (Delivery delivery : deliveries.all()) {
            if (delivery.change().subject().equals(subject)) {
                deliveries.withdraw(delivery.id());
                deliveriesGone++;
            }
        }
        return new int[] {gone.size(), deliveriesGone};
    }
}
