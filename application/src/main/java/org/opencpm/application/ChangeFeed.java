package org.opencpm.application;

import java.util.List;
import org.opencpm.application.port.out.ConnectorSubscriptions;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.Outbox;

/**
 * Hands a change to the connectors that want it: its deliveries are written in the current
 * transaction, with the change itself (PIPL Art. 15: a withdrawal reaches every platform), and
 * the connectors are told once it has committed, so that they need not wait for their next poll.
 */
public final class ChangeFeed {

    private final Outbox outbox;
    private final ConnectorSubscriptions subscriptions;
    private final Retrying retrying;

    public ChangeFeed(Ports ports, Retrying retrying) {
        this.outbox = ports.outbox();
        this.subscriptions = ports.subscriptions();
        this.retrying = retrying;
    }

    /** Call inside the transaction that records the change. */
    public void publish(ConsentChange change) {
        List<String> subscribers = subscriptions.subscribersOf(change);
        outbox.enqueue(change, subscribers);
        if (!subscribers.isEmpty()) {
            retrying.afterCommit(() -> subscriptions.committed(subscribers));
        }
    }
}
