package org.opencpm.distribution;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/**
 * How long a console session lasts (ADR 0021), from configuration:
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>config key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>opencpm.console.session-idle</td><td>PT30M</td><td>a session not used for this long ends (ISO-8601 duration, PT5M to P1D)</td></tr>
 *   <tr><td>opencpm.console.session-max-age</td><td>PT12H</td><td>a session ends this long after sign-in, used or not (PT5M to P7D, at least the idle time)</td></tr>
 * </table>
 * Each also reads from the environment as {@code OPENCPM_CONSOLE_SESSION_IDLE} and so on.
 */
record ConsoleSessionSettings(Duration idle, Duration maxAge) {

    /** How often the ended sessions are deleted. */
    static final Duration PURGE_EVERY = Duration.ofMinutes(5);

    static ConsoleSessionSettings from(Config config) {
        Function<String, Optional<String>> values = key -> config.getOptionalValue(key, String.class);
        // idle from 5 minutes (the idle end moves at most once a minute, so a shorter one would end a session in use)
        Duration idle = DurationSetting.read(values, "opencpm.console.session-idle", Duration.ofMinutes(30), Duration.ofMinutes(5),
                Duration.ofDays(1));
        Duration maxAge = DurationSetting.read(values, "opencpm.console.session-max-age", Duration.ofHours(12), Duration.ofMinutes(5),
                Duration.ofDays(7));
        if (maxAge.compareTo(idle) < 0) {
            throw new IllegalStateException("opencpm.console.session-idle must be at most opencpm.console.session-max-age; got "
                    + idle + " and " + maxAge);
        }
        return new ConsoleSessionSettings(idle, maxAge);
    }
}
