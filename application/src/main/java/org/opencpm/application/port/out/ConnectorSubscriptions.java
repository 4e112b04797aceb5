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
}
