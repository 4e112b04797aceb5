package org.opencpm.distribution;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * {@code opencpm_auth_failures_total} at {@code /metrics}: API-key authentications refused since
 * start (missing, unknown, expired or revoked keys, on every path that checks keys). A rising rate
 * means a misconfigured client or someone guessing; the log has one line a minute about it.
 */
@ApplicationScoped
public class AuthenticationMetrics {

    static final String NAME = "opencpm_auth_failures";

    @Inject
    MetricRegistry registry;

    @Inject
    OpenCpmWiring wiring;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        Counter failures = registry.counter(Metadata.builder().withName(NAME)
                .withDescription("API-key authentications refused (missing, unknown, expired or revoked key)").build());
        wiring.failedAuthentications().onFailure(failures::inc);
    }
}
