package org.opencpm.distribution;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * {@code opencpm_rights_requests_overdue} at {@code /metrics}: rights requests still open past
 * their due date (PIPL Art. 50: answer in time). Read from the database at each scrape (one
 * indexed count), so every node shows the same number; anything above 0 wants an operator.
 */
@ApplicationScoped
public class RightsRequestMetrics {

    static final String NAME = "opencpm_rights_requests_overdue";
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(RightsRequestMetrics.class.getName());

    private volatile long lastWarning;

    @Inject
    MetricRegistry registry;

    @Inject
    OpenCpmWiring wiring;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        registry.gauge(Metadata.builder().withName(NAME)
                .withDescription("Rights requests still open past their due date").build(),
                this::overdue);
    }

    /**
     * The count, or -1 while the database cannot answer: a gauge that threw would fail the whole
     * /metrics page, every other metric with it. Logged at most once a minute.
     */
    private long overdue() {
        try {
            return wiring.rightsRequests().overdue();
        } catch (RuntimeException unavailable) {
            long now = System.nanoTime();
            if (now - lastWarning > 60_000_000_000L || lastWarning == 0) {
                lastWarning = now;
                LOG.warning(() -> "opencpm_rights_requests_overdue: the database did not answer (" + unavailable.getClass().getSimpleName() + ")");
            }
            return -1;
        }
    }
}
