package org.opencpm.application.alert;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencpm.domain.alert.AlertSeverity;

/**
 * One risk rule: looks at what was counted in the last window and at what stands now, and says
 * what is wrong, one {@link Finding} per episode. The service raises an alert for a finding whose
 * episode was not found in the previous evaluation, so a condition that lasts is one alert, and a
 * condition that ends and comes back is two.
 */
interface AlertRule {

    /** The rule's name: in alerts, metrics and settings ({@code opencpm.alerts.<name>.*}). */
    String name();

    AlertSeverity severity();

    List<Finding> evaluate(Observed observed, Backlog backlog);

    /**
     * What a rule found.
     *
     * @param episode     what makes it the same episode from one window to the next (an API key id, a source; the rule name when it is one thing)
     * @param detail      counts and thresholds, no identifier
     * @param offendingKey the API key that caused it, when one did: a rule may have it revoked
     */
    record Finding(String episode, Map<String, String> detail, Optional<String> offendingKey) {

        static Finding of(String episode, Map<String, String> detail) {
            return new Finding(episode, detail, Optional.empty());
        }
    }
}
