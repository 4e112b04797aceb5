package org.opencpm.distribution;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * {@code opencpm_consents_expired_total} (a counter, exported with the suffix) at {@code /metrics}: expiries of lapsed grants recorded
 * by this node since it started, by the scheduled run and by {@code POST /api/v1/consents:expire}.
 */
@ApplicationScoped
public class ExpiryMetrics {

    static final String NAME = "opencpm_consents_expired";

    @Inject
    MetricRegistry registry;

    @Inject
    OpenCpmWiring wiring;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        Counter expired = registry.counter(Metadata.builder().withName(NAME)
                .withDescription("Expiries of lapsed grants recorded by this node since it started").build());
        wiring.expiryRuns().onExpired(expired::inc);
    }
}
