package org.opencpm.distribution;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/**
 * One ISO-8601 duration from configuration, within bounds. Unset or blank: the default. Anything
 * else (not a duration, out of bounds) stops the start with a message that names the key, the
 * bounds and an example, so that an operator's typo never leaves a job, a window or a cache running
 * at a value nobody chose.
 */
final class DurationSetting {

    private DurationSetting() {
    }

    static Duration read(Function<String, Optional<String>> values, String key, Duration fallback, Duration min, Duration max) {
        Optional<String> configured = values.apply(key).map(String::trim).filter(s -> !s.isEmpty());
        if (configured.isEmpty()) {
            return fallback;
        }
        try {
            Duration value = Duration.parse(configured.get());
            if (value.compareTo(min) >= 0 && value.compareTo(max) <= 0) {
                return value;
            }
        } catch (DateTimeParseException notADuration) {
            // refused below
        }
        throw new IllegalStateException(key + " must be an ISO-8601 duration from " + min + " to " + max + " (e.g. " + fallback
                + "), not '" + configured.get() + "'");
    }
}
