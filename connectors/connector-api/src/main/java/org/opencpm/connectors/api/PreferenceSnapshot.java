package org.opencpm.connectors.api;

import java.util.Map;
import java.util.Optional;

/**
 * A subject's preferences when the change happened.
 *
 * @param topics   topic → wanted
 * @param channels channel (a {@link ContactChannel#code()}: {@code sms}, {@code email}, {@code phone}, {@code wechat}, {@code app_push}) → its setting
 * @param quietHours e.g. {@code 21:00-08:00 Asia/Shanghai}
 */
public record PreferenceSnapshot(Map<String, Boolean> topics, Map<String, Channel> channels, Optional<String> quietHours,
                                 Optional<String> language) {

    /**
     * No preferences at all. The host always sends the subject's own; kept on purpose for a
     * plugin's unit tests that build a {@link ConsentChange} themselves.
     */
    public static final PreferenceSnapshot NONE = new PreferenceSnapshot(Map.of(), Map.of(), Optional.empty(), Optional.empty());

    public PreferenceSnapshot {
        topics = Map.copyOf(topics);
        channels = Map.copyOf(channels);
    }

    /** One channel's setting. */
    public record Channel(boolean enabled, Optional<Integer> maxPerMonth, Optional<Integer> maxPerWeek, Optional<Integer> maxPerDay) {
    }
}
