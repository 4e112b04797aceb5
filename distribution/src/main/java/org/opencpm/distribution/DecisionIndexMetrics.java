package org.opencpm.distribution;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * {@code opencpm_decision_index_lag_seconds} at {@code /metrics}: how far this node's decision
 * index may be behind the database — the time since the last read of the change log that caught
 * up began (ADR 0016). Between 0 and the follow interval plus a round's time while it follows;
 * growing while it cannot (the database unreachable), and past {@code opencpm.decision-index.max-lag}
 * the node is not ready. For an alert, and for the lag figures in docs/scaling.md.
 */
@ApplicationScoped
public class DecisionIndexMetrics {

    static final String NAME = "opencpm_decision_index_lag_seconds";

    @Inject
    MetricRegistry registry;

    @Inject
    OpenCpmWiring wiring;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        registry.gauge(Metadata.builder().withName(NAME)
                .withDescription("How far the decision index may be behind the database's commits, in seconds").build(),
                () -> wiring.following().lag().toNanos() / 1e9);
    }
}
