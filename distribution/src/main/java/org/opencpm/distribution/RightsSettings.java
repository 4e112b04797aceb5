package org.opencpm.distribution;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.opencpm.application.rights.RightsRequestService;

/**
 * How long the handler has to answer a rights request, from configuration:
 * {@code opencpm.rights.deadlineDays} (environment {@code OPENCPM_RIGHTS_DEADLINEDAYS}), whole
 * calendar days, default 15. A value that is not a number from 1 to 365 stops the start, naming
 * the key: a wrong deadline would put a wrong due date on every request.
 */
final class RightsSettings {

    static final String DEADLINE_DAYS = "opencpm.rights.deadlineDays";
    private static final int MAX_DAYS = 365;

    private RightsSettings() {
    }

    static Duration deadline(Config config) {
        return deadline(key -> config.getOptionalValue(key, String.class));
    }

    static Duration deadline(Function<String, Optional<String>> values) {
        Optional<String> configured = values.apply(DEADLINE_DAYS).map(String::trim).filter(s -> !s.isEmpty());
        if (configured.isEmpty()) {
            return RightsRequestService.DEFAULT_DEADLINE;
        }
        try {
            int days = Integer.parseInt(configured.get());
            if (days >= 1 && days <= MAX_DAYS) {
                return Duration.ofDays(days);
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new IllegalStateException(DEADLINE_DAYS + " must be a whole number of days from 1 to " + MAX_DAYS
                + ", not '" + configured.get() + "'");
    }
}
