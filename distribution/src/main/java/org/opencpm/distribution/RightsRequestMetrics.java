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

    @Inject
    MetricRegistry registry;

    @Inject
    OpenCpmWiring wiring;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        registry.gauge(Metadata.builder().withName(NAME)
                .withDescription("Rights requests still open past their due date").build(),
                () -> wiring.rightsRequests().overdue());
    }
}
