package org.opencpm.testfixtures;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.Outbox;

/** Keeps each change, and hands its deliveries to the {@link InMemoryDeliveryQueue}. */
public final class InMemoryOutbox implements Outbox {

    private final List<ConsentChange> changes = new CopyOnWriteArrayList<>();
    private final InMemoryTransactions tx;
    private final InMemoryDeliveryQueue deliveries;
    private volatile RuntimeException nextFailure;

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
        changes.add(change);
        tx.onRollback(() -> changes.remove(change));
        deliveries.add(change, connectors, tx);
    }

    public List<ConsentChange> changes() {
        return List.copyOf(changes);
    }

    /** Makes the next enqueue fail, as a lost database connection would. */
    public void failNextEnqueue(RuntimeException failure) {
        nextFailure = failure;
    }
}
