package org.opencpm.distribution;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.opencpm.application.port.in.ConnectorStatus;
import org.opencpm.application.port.in.InboundCounts;
import org.opencpm.application.port.out.ConnectorInfo;
import org.opencpm.application.port.out.DeliveryCounts;

/**
 * Per-connector gauges at {@code /metrics}: deliveries pending, in flight, delivered, failing
 * (retrying), dead, and the lag — how long the oldest undelivered change has waited; and the
 * inbound events (platform callbacks) this node recorded, took as duplicates, refused, or failed to
 * record since it started. Read from the delivery queue at most once a second however often
 * Prometheus scrapes; connectors added by a plugin reload get theirs at once.
 */
@ApplicationScoped
public class ConnectorMetrics {

    private static final long FRESH_MILLIS = 1000;

    private volatile Snapshot snapshot = new Snapshot(Map.of(), 0);
    private final Set<String> published = ConcurrentHashMap.newKeySet();
    private final Clock clock = Clock.systemUTC();

    @Inject
    MetricRegistry registry;

    @Inject
    OpenCpmWiring wiring;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        wiring.connectorHost().onChange(this::publish);
        publish();
    }

    private record Snapshot(Map<String, ConnectorStatus> statuses, long at) {
    }

    /** Registers the gauges of connectors that have none yet. */
    void publish() {
        // Only the ids: the runtime knows them without counting anyone's deliveries.
        for (ConnectorInfo connector : wiring.connectorHost().connectors()) {
            String id = connector.id();
            if (!published.add(id)) {
                continue;
            }
            gauge(id, "opencpm_connector_pending", "Deliveries waiting for their first or next attempt", c -> c.pending());
            gauge(id, "opencpm_connector_inflight", "Deliveries being sent", c -> c.inflight());
            gauge(id, "opencpm_connector_delivered", "Deliveries the platform accepted", c -> c.delivered());
            gauge(id, "opencpm_connector_failed", "Pending deliveries that failed at least once and will be retried", c -> c.failed());
            gauge(id, "opencpm_connector_dead", "Deliveries in the dead-letter store", c -> c.dead());
            gauge(id, "opencpm_connector_lag_seconds", "How long the oldest undelivered change has waited",
                    c -> c.oldestPendingCreatedAtMillis().map(at -> Math.max(0, clock.millis() - at) / 1000.0).orElse(0.0));
            inboundGauge(id, "opencpm_connector_inbound_recorded", "Inbound events (platform callbacks) recorded since this node started",
                    InboundCounts::recorded);
            inboundGauge(id, "opencpm_connector_inbound_duplicates", "Inbound events whose id was recorded before: nothing written",
                    InboundCounts::duplicates);
            inboundGauge(id, "opencpm_connector_inbound_refused", "Inbound events a rule refused (no id, unknown purpose, invalid identifier…)",
                    InboundCounts::refused);
            inboundGauge(id, "opencpm_connector_inbound_failed", "Inbound events that could not be recorded (answered 503)",
                    InboundCounts::failed);
        }
    }

    private void gauge(String connectorId, String name, String description, ToDoubleFunction<DeliveryCounts> value) {
        Metadata metadata = Metadata.builder().withName(name).withDescription(description).build();
        registry.gauge(metadata, () -> value.applyAsDouble(statusOf(connectorId).map(ConnectorStatus::deliveries).orElse(DeliveryCounts.NONE)),
                new Tag("connector", connectorId));
    }

    private void inboundGauge(String connectorId, String name, String description, ToDoubleFunction<InboundCounts> value) {
        Metadata metadata = Metadata.builder().withName(name).withDescription(description).build();
        registry.gauge(metadata, () -> value.applyAsDouble(statusOf(connectorId).map(ConnectorStatus::inbound).orElse(InboundCounts.NONE)),
                new Tag("connector", connectorId));
    }

    private Optional<ConnectorStatus> statusOf(String connectorId) {
        long now = clock.millis();
        Snapshot current = snapshot;
        if (now - current.at() > FRESH_MILLIS) {
            synchronized (this) {
                current = snapshot;
                if (now - current.at() > FRESH_MILLIS) {
                    Map<String, ConnectorStatus> fresh = new HashMap<>();
                    wiring.connectorsUseCase().connectors().forEach(s -> fresh.put(s.connector().id(), s));
                    current = new Snapshot(Map.copyOf(fresh), now);
                    snapshot = current;
                }
            }
        }
        return Optional.ofNullable(current.statuses().get(connectorId));
    }
}
