package org.opencpm.distribution;

import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/**
 * How long a console session lasts (ADR 0021), from configuration:
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>config key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>opencpm.console.session-idle</td><td>PT30M</td><td>a session not used for this long ends (ISO-8601 duration)</td></tr>
 *   <tr><td>opencpm.console.session-max-age</td><td>PT12H</td><td>a session ends this long after sign-in, used or not</td></tr>
 * </table>
 * Each also reads from the environment as {@code OPENCPM_CONSOLE_SESSION_IDLE} and so on.
 */
record ConsoleSessionSettings(Duration idle, Duration maxAge) {

    /** How often the ended sessions are deleted. */
    static final Duration PURGE_EVERY = Duration.ofMinutes(5);

    static ConsoleSessionSettings from(Config config) {
        Duration idle = duration(config, "opencpm.console.session-idle", Duration.ofMinutes(30));
        Duration maxAge = duration(config, "opencpm.console.session-max-age", Duration.ofHours(12));
        if (idle.isNegative() || idle.isZero() || maxAge.compareTo(idle) < 0) {
            throw new IllegalArgumentException("opencpm.console.session-idle must be positive and at most opencpm.console.session-max-age; got "
                    + idle + " and " + maxAge);
        }
        return new ConsoleSessionSettings(idle, maxAge);
    }

    private static Duration duration(Config config, String key, Duration otherwise) {
        String value = config.getOptionalValue(key, String.class).filter(s -> !s.isBlank()).orElse(null);
        if (value == null) {
            return otherwise;
        }
        try {
            return Duration.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration such as PT30M; got '" + value + "'", e);
        }
    }
}
