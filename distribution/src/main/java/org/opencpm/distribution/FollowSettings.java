package org.opencpm.distribution;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/**
 * How the decision index follows other nodes' commits (ADR 0016), from configuration:
 * <ul>
 *   <li>{@code opencpm.decision-index.follow-interval} (environment
 *       {@code OPENCPM_DECISION_INDEX_FOLLOW_INTERVAL}), default {@code PT0.1S}, from {@code PT0.01S}
 *       to {@code PT10S}: the pause between two reads of the change log, the most a change made on
 *       another node waits before this node reads it;</li>
 *   <li>{@code opencpm.decision-index.max-lag} ({@code OPENCPM_DECISION_INDEX_MAX_LAG}), default
 *       {@code PT10S}, from {@code PT1S} to {@code PT1H}: past this without having caught up (the
 *       database unreachable…), the node reports itself not ready, so that a load balancer sends
 *       decisions to the nodes that are current.</li>
 * </ul>
 * Anything else stops the start, naming the key.
 */
record FollowSettings(Duration interval, Duration maxLag) {

    static final String INTERVAL = "opencpm.decision-index.follow-interval";
    static final String MAX_LAG = "opencpm.decision-index.max-lag";
    static final FollowSettings DEFAULT = new FollowSettings(Duration.ofMillis(100), Duration.ofSeconds(10));

    static FollowSettings from(Config config) {
        return from(key -> config.getOptionalValue(key, String.class));
    }

    static FollowSettings from(Function<String, Optional<String>> values) {
        return new FollowSettings(DurationSetting.read(values, INTERVAL, DEFAULT.interval(), Duration.ofMillis(10), Duration.ofSeconds(10)),
                DurationSetting.read(values, MAX_LAG, DEFAULT.maxLag(), Duration.ofSeconds(1), Duration.ofHours(1)));
    }
}
