package org.opencpm.distribution;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/**
 * How often the periodic jobs run, from configuration: {@code opencpm.expiry.interval} (environment
 * {@code OPENCPM_EXPIRY_INTERVAL}, default {@code PT1H}) for recording lapsed grants as expired,
 * {@code opencpm.retention.interval} (default {@code PT24H}) for the retention check, and
 * {@code opencpm.retention.erase} (default {@code false}) whether that check erases the persons it
 * finds due or only reports them. An interval is an ISO-8601 duration from one minute to seven days;
 * anything else, or an erase that is not {@code true} or {@code false}, stops the start naming the
 * key: a job that silently never ran would let expired consents reach no platform (PIPL Art. 15)
 * and data outlive its retention (Art. 19).
 */
final class JobSettings {

    static final String EXPIRY_INTERVAL = "opencpm.expiry.interval";
    static final String RETENTION_INTERVAL = "opencpm.retention.interval";
    static final String RETENTION_ERASE = "opencpm.retention.erase";
    static final Duration DEFAULT_EXPIRY_INTERVAL = Duration.ofHours(1);
    static final Duration DEFAULT_RETENTION_INTERVAL = Duration.ofHours(24);
    private static final Duration SHORTEST = Duration.ofMinutes(1);
    private static final Duration LONGEST = Duration.ofDays(7);

    /** The settings read. */
    record Jobs(Duration expiryInterval, Duration retentionInterval, boolean retentionErase) {
    }

    private JobSettings() {
    }

    static Jobs from(Config config) {
        return from(key -> config.getOptionalValue(key, String.class));
    }

    static Jobs from(Function<String, Optional<String>> values) {
        return new Jobs(DurationSetting.read(values, EXPIRY_INTERVAL, DEFAULT_EXPIRY_INTERVAL, SHORTEST, LONGEST),
                DurationSetting.read(values, RETENTION_INTERVAL, DEFAULT_RETENTION_INTERVAL, SHORTEST, LONGEST), erase(values));
    }

    private static boolean erase(Function<String, Optional<String>> values) {
        Optional<String> configured = values.apply(RETENTION_ERASE).map(String::trim).filter(s -> !s.isEmpty());
        if (configured.isEmpty() || configured.get().equals("false")) {
            return false;
        }
        if (configured.get().equals("true")) {
            return true;
        }
        throw new IllegalStateException(RETENTION_ERASE + " must be true or false, not '" + configured.get() + "'");
    }

    static String describe(Jobs jobs) {
        return "expiry runs every " + jobs.expiryInterval() + "; retention check every " + jobs.retentionInterval()
                + (jobs.retentionErase() ? ", erasing the persons it finds due" : ", reporting the persons it finds due (opencpm.retention.erase=false)");
    }
}
