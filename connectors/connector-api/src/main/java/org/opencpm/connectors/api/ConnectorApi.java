package org.opencpm.connectors.api;

/** The version of this SPI, and the names every connector shares. */
public final class ConnectorApi {

    /**
     * Semantic version of the connector SPI. A plugin built against 1.x runs on any host with 1.y,
     * y ≥ x. 1.1.0 added {@link InboundAnswer}: a callback is answered after its events were
     * recorded. 1.2.0 added {@link AnswerMapping} (a platform's answer read as "permanent, with
     * this reason" or "nothing to do"), {@link ConsentCommand}'s factories that take the event id,
     * {@link ConnectorContext#batchSize()}, and the values OpenCPM knows ({@link IdentifierType},
     * {@link CollectionChannel}, {@link ConsentMethod}, {@link ContactChannel}). 1.3.0 added
     * send gateways: {@link ChannelConnector#sender}, {@link MessageSender}, {@link OutgoingMessage},
     * {@link SendReceipt}, and {@link UnsubscribeKeywords} for the gateways' inbound replies; and
     * scheduled reconciliation: {@link ChannelConnector#reconciler}, {@link Reconciler},
     * {@link Audience}, {@link AudienceMember} and {@link HostKey#RECONCILE_INTERVAL_HOURS}. 1.4.0
     * added {@link ConsentChange.Kind#ERASURE}: a person being erased (PIPL Art. 47). The build compares
     * the SPI's public surface with the signature recorded for this version
     * ({@code src/test/resources/spi/<version>.txt}): a change without a new version fails it.
     */
    public static final String VERSION = "1.4.0";

    /** Configuration keys every connector has (see the partner guide, connectors/README.md). */
    public static final String ENABLED = "enabled";
    public static final String BASE_URL = "baseUrl";
    public static final String PURPOSES = "purposes";
    public static final String BATCH_SIZE = "batch.size";
    public static final String BATCH_WINDOW_MILLIS = "batch.windowMillis";
    /** Most requests per second the host lets the connector send (the platform's quota); absent means no limit. */
    public static final String RATE_PER_SECOND = "rate.perSecond";

    private ConnectorApi() {
    }

    /** The Camel endpoint a connector's route consumes from: {@code direct:sync-<id>}. */
    public static String entryUri(String connectorId) {
        return "direct:" + routeId(connectorId);
    }

    /** The id of a connector's route: {@code sync-<id>}. */
    public static String routeId(String connectorId) {
        return "sync-" + connectorId;
    }
}
