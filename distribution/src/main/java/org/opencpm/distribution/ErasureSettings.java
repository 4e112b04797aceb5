package org.opencpm.distribution;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/**
 * How erasures run, from configuration:
 * <ul>
 *   <li>{@code opencpm.erasure.maxWaitMinutes} (environment {@code OPENCPM_ERASURE_MAXWAITMINUTES}),
 *       default 1440 (a day), 0 to 43200 (30 days): how long an erasure waits for every connector
 *       to be delivered the erasure before the person's data is shredded anyway — a connector that
 *       is down or dead-lettering must not keep the data forever (PIPL Art. 47), but should have
 *       the time an operator needs to replay its dead letters;</li>
 *   <li>{@code opencpm.erasure.checkSeconds} ({@code OPENCPM_ERASURE_CHECKSECONDS}), default 30,
 *       1 to 3600: how often the node looks for erasures ready to finish.</li>
 * </ul>
 * A value out of range or not a whole number stops the start, naming the key.
 */
record ErasureSettings(Duration maxWait, Duration checkEvery) {

    static final String MAX_WAIT_MINUTES = "opencpm.erasure.maxWaitMinutes";
    static final String CHECK_SECONDS = "opencpm.erasure.checkSeconds";

    static ErasureSettings from(Config config) {
        return from(key -> config.getOptionalValue(key, String.class));
    }

    static ErasureSettings from(Function<String, Optional<String>> values) {
        long minutes = whole(values, MAX_WAIT_MINUTES, 1440, 0, 43_200);
        long seconds = whole(values, CHECK_SECONDS, 30, 1, 3600);
        return new ErasureSettings(Duration.ofMinutes(minutes), Duration.ofSeconds(seconds));
    }

    private static long whole(Function<String, Optional<String>> values, String key, long fallback, long min, long max) {
        Optional<String> configured = values.apply(key).map(String::trim).filter(s -> !s.isEmpty());
        if (configured.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(configured.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new IllegalStateException(key + " must be a whole number from " + min + " to " + max + ", not '" + configured.get() + "'");
    }
}
