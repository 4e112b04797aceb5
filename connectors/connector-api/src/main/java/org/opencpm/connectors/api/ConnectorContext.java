package org.opencpm.connectors.api;

import java.time.Clock;

/** What the host gives a connector: where its route starts, its configuration, a clock. */
public interface ConnectorContext {

    /** The endpoint the connector's route consumes from ({@code direct:sync-<id>}). */
    default String entryUri() {
        return ConnectorApi.entryUri(descriptor().id());
    }

    /** The id its route must have ({@code sync-<id>}). */
    default String routeId() {
        return ConnectorApi.routeId(descriptor().id());
    }

    ConnectorDescriptor descriptor();

    ConnectorConfig config();

    Clock clock();
}
