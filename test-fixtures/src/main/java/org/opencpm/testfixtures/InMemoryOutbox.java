package org.opencpm.testfixtures;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.Outbox;

public final class InMemoryOutbox implements Outbox {

    private final List<ConsentChange> changes = new CopyOnWriteArrayList<>();
    private final InMemoryTransactions tx;
    private volatile RuntimeException nextFailure;

    public InMemoryOutbox(InMemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void enqueue(ConsentChange change) {
        RuntimeException failure = nextFailure;
        if (failure != null) {
            nextFailure = null;
            throw failure;
        }
        changes.add(change);
        tx.onRollback(() -> changes.remove(change));
    }

    public List<ConsentChange> changes() {
        return List.copyOf(changes);
    }

    /** Makes the next enqueue fail, as a lost database connection would. */
    public void failNextEnqueue(RuntimeException failure) {
        nextFailure = failure;
    }
}
