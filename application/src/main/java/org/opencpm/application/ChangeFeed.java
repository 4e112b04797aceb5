package org.opencpm.application;

import java.util.List;
import java.util.Optional;
import org.opencpm.application.port.out.ConnectorSubscriptions;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.Outbox;
import org.opencpm.domain.consent.ConsentState;

/**
 * Hands a change to the connectors that want it: its deliveries are written in the current
 * transaction, with the change itself (PIPL Art. 15: a withdrawal reaches every platform), and
 * the connectors are told once it has committed, so that they need not wait for their next poll.
 *
 * <p>Never back to where it came from: a change that came in through a connector's callback
 * ({@link ConsentChange#origin()}) is not carried to that connector, whose platform made it — but
 * to every other one. Unless OpenCPM recorded something else than the platform said: a grant it
 * sent that is left pending until the person confirms it (double opt-in) goes back to it too, so
 * that the platform does not take the person as granted.
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
        List<String> subscribers = withoutEcho(change, subscriptions.subscribersOf(change));
        outbox.enqueue(change, subscribers);
        if (!subscribers.isEmpty()) {
            retrying.afterCommit(() -> subscriptions.committed(subscribers));
        }
    }

    /** The subscribers but the connector whose platform the change came from, unless OpenCPM left its grant pending. */
    private static List<String> withoutEcho(ConsentChange change, List<String> subscribers) {
        Optional<String> echo = change.origin().filter(origin -> change.state().filter(s -> s == ConsentState.PENDING).isEmpty());
        if (echo.isEmpty() || !subscribers.contains(echo.get())) {
            return subscribers;
        }
        return subscribers.stream().filter(id -> !id.equals(echo.get())).toList();
    }
}
