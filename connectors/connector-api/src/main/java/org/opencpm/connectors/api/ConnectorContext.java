package org.opencpm.connectors.api;

import java.time.Clock;

/** What the host gives a connector: where its route starts, its configuration, a clock, its batch size. */
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

    /**
     * How many changes one message carries at most: what the host batches by, from
     * {@code batch.size} in the configuration or else the descriptor's default; 1 means each
     * message carries one change ({@link ChangeBatch#single()}). Read it rather than the
     * configuration, so that the route and the host agree (since 1.2.0; the host's context
     * answers with the value it uses, this default only serves contexts made elsewhere, in a
     * unit test, say).
     */
    default int batchSize() {
        return Math.max(1, config().getInt(ConnectorApi.BATCH_SIZE, descriptor().batchSize()));
    }
}
