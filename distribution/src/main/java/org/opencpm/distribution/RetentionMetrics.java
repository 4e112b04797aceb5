package org.opencpm.distribution;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * {@code opencpm_retention_erasure_due} at {@code /metrics}: persons whose data outlived every
 * purpose's retention with no other basis left (PIPL Art. 19, 47 (2)), as this node's last retention
 * check found them. Above 0 with {@code opencpm.retention.erase=false}, an operator has erasures to
 * decide on; with erasure on, it falls as they are carried out.
 */
@ApplicationScoped
public class RetentionMetrics {

    static final String NAME = "opencpm_retention_erasure_due";

    @Inject
    MetricRegistry registry;

    @Inject
    OpenCpmWiring wiring;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        registry.gauge(Metadata.builder().withName(NAME)
                .withDescription("Persons erasure-due for retention at the last check").build(),
                () -> wiring.retentionRuns().lastDue());
    }
}
