package org.opencpm.distribution;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * {@code opencpm_alerts_total{rule}} at {@code /metrics}: risk alerts raised since start, by rule
 * (each rule shown from 0, so that a rate can be taken); {@code opencpm_alerts_open}: conditions
 * found at the last evaluation. Anything above 0 wants a person (PIPL Art. 51, 54).
 */
@ApplicationScoped
public class AlertMetrics {

    static final String RAISED = "opencpm_alerts";
    static final String OPEN = "opencpm_alerts_open";

    @Inject
    MetricRegistry registry;

    @Inject
    OpenCpmWiring wiring;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        Metadata raised = Metadata.builder().withName(RAISED).withDescription("Risk alerts raised, by rule").build();
        Map<String, Counter> byRule = new HashMap<>();
        for (String rule : wiring.alerts().ruleNames()) {
            byRule.put(rule, registry.counter(raised, new Tag("rule", rule)));
        }
        wiring.alerts().onRaised(alert -> {
            Counter counter = byRule.get(alert.rule());
            if (counter != null) {
                counter.inc();
            }
        });
        registry.gauge(Metadata.builder().withName(OPEN).withDescription("Risk conditions open at the last evaluation").build(),
                () -> wiring.alerts().openEpisodes());
    }
}
