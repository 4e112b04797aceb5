package org.opencpm.connectors.api;

import java.util.Optional;
import org.apache.camel.builder.RouteBuilder;
import org.pf4j.ExtensionPoint;

/**
 * A connector: keeps one outside platform in step with OpenCPM. Implement it in a PF4J plugin and
 * mark the class {@code @org.pf4j.Extension}.
 *
 * <p>Outbound: {@link #routes} returns Camel routes that consume from
 * {@link ConnectorContext#entryUri()} and call the platform. Each message's body is a
 * {@link ChangeBatch}. A route that completes has delivered; one that throws has not, and the host
 * decides what happens next: {@link PermanentDeliveryException} or an HTTP 4xx (but 408, 425, 429)
 * goes to the dead-letter store, anything else is retried with back-off (honouring a
 * {@link RetryableDeliveryException#retryAfter() Retry-After}). Where the platform's answer means
 * something else than its status says (a 404 that means "nothing to do", a 200 carrying an error
 * code), {@link #answers} says so, and the host's reading stays in charge of everything else. The
 * host owns the Camel context, redelivery, throttling, batching and receipts: the route maps and
 * sends, nothing more.
 *
 * <p>Inbound (optional): {@link #inbound} turns a platform's callback into consent commands.
 *
 * <p>Sending (optional, since 1.3.0): {@link #sender} sends the messages callers ask for, each
 * only once the host holds a send permit for it.
 *
 * <p>Reconciling (optional, since 1.3.0): {@link #reconciler} replaces what the platform holds
 * with everyone whose consent is in force, on the schedule the operator sets.
 */
public interface ChannelConnector extends ExtensionPoint {

    ConnectorDescriptor descriptor();

    /** The routes carrying changes to the platform, for the given context. Called at each start. */
    RouteBuilder routes(ConnectorContext context);

    /**
     * How to read the platform's answers beyond the host's standard reading (since 1.2.0). Called
     * at each start, after {@link #routes}.
     */
    default AnswerMapping answers(ConnectorContext context) {
        return AnswerMapping.STANDARD;
    }

    /** The handler of the platform's callbacks at {@code /hooks/<id>/…}, if the connector takes any. */
    default Optional<InboundHandler> inbound(ConnectorContext context) {
        return Optional.empty();
    }

    /**
     * The sender of the messages callers ask this connector to send ({@code POST
     * /api/v1/connectors/<id>/messages}), if it is a send gateway (since 1.3.0). The host asks for
     * a send permit first and calls the sender only when it is granted. Called at each start.
     */
    default Optional<MessageSender> sender(ConnectorContext context) {
        return Optional.empty();
    }

    /**
     * The full reset of the platform to the current audience, if the connector can do one (since
     * 1.3.0). The host runs it every {@code reconcile.intervalHours} the operator sets (see
     * {@link HostKey#RECONCILE_INTERVAL_HOURS}; never when the key is absent). Called at each start,
     * after {@link #routes}, so it may use what that start's routes built.
     */
    default Optional<Reconciler> reconciler(ConnectorContext context) {
        return Optional.empty();
    }
}
