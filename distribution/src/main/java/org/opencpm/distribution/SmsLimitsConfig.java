package org.opencpm.distribution;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.opencpm.application.selfservice.SmsLimits;

/**
 * How many sign-in codes the preference centre hands out ({@link SmsLimits}), from
 * {@code opencpm.preference-center.sms-limit.per-phone}, {@code .per-address}, {@code .overall}
 * (whole numbers from 1) and {@code .window} (ISO-8601, 1 minute to 1 day). Unset: the defaults. A
 * value that is not a whole number of at least 1 stops the start with a message naming the key, so
 * a typo never leaves SMS pumping unlimited.
 */
final class SmsLimitsConfig {

    static final String PREFIX = "opencpm.preference-center.sms-limit.";

    private SmsLimitsConfig() {
    }

    static SmsLimits from(Config config) {
        return from(key -> config.getOptionalValue(key, String.class));
    }

    static SmsLimits from(Function<String, Optional<String>> values) {
        SmsLimits d = SmsLimits.DEFAULT;
        return new SmsLimits(count(values, "per-phone", d.perPhone()), count(values, "per-address", d.perAddress()),
                count(values, "overall", d.overall()),
                DurationSetting.read(values, PREFIX + "window", d.window(), Duration.ofMinutes(1), Duration.ofDays(1)));
    }

    private static int count(Function<String, Optional<String>> values, String name, int fallback) {
        Optional<String> configured = values.apply(PREFIX + name).map(String::trim).filter(s -> !s.isEmpty());
        if (configured.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(configured.get());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new IllegalStateException(PREFIX + name + " must be a whole number from 1 (e.g. " + fallback + "), not '"
                + configured.get() + "'");
    }
}
