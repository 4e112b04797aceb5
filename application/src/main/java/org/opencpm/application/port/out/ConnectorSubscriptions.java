package org.opencpm.application.port.out;

import java.util.List;

/**
 * Which connectors want a change: the enabled ones whose purposes include the change's purpose
 * (every enabled connector wants preference changes). Asked when the change is written, so that
 * its deliveries are written in the same transaction.
 */
public interface ConnectorSubscriptions {

    /** No connector at all. */
    ConnectorSubscriptions NONE = change -> List.of();

    List<String> subscribersOf(ConsentChange change);

    /**
     * The deliveries of a change to these connectors are committed: a chance to send them now
     * rather than at the connectors' next look at the queue. Called after the commit; never fails.
     */
    default void committed(List<String> connectorIds) {
    }
}
