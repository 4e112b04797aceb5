package org.opencpm.domain.preference;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.opencpm.domain.Checks;
import org.opencpm.domain.InvalidValueException;

/**
 * A person's choices about what they receive and how. What they did not choose is not refused:
 * an unnamed topic or channel is open, and consent still governs it. A person who never set
 * preferences has {@link #none()}.
 *
 * @param topics    topic code → wanted or not ({@code promotions: false})
 * @param channels  per channel: enabled, and the frequency cap
 * @param language  the language they want to be addressed in, a BCP 47 tag
 */
public record Preferences(
        Map<String, Boolean> topics,
        Map<ContactChannel, ChannelPreference> channels,
        Optional<QuietHours> quietHours,
        Optional<String> language) {

    private static final Pattern TOPIC = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");
    private static final Preferences NONE = new Preferences(Map.of(), Map.of(), Optional.empty(), Optional.empty());

    public Preferences {
        Checks.required(topics, "topics");
        topics.forEach((topic, wanted) -> {
            if (topic == null || !TOPIC.matcher(topic).matches()) {
                throw new InvalidValueException("topics", "'" + topic + "' is not a topic code (a-z, 0-9, '.', '_', '-')");
            }
            Checks.required(wanted, "topics." + topic);
        });
        if (topics.size() > 200) {
            throw new InvalidValueException("topics", "at most 200 topics");
        }
        topics = Map.copyOf(topics);
        Checks.required(channels, "channels");
        channels = channels.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(channels));
        Checks.required(quietHours, "quietHours");
        Checks.required(language, "language").ifPresent(tag -> {
            if (!LANGUAGE.matcher(tag).matches()) {
                throw new InvalidValueException("language", "'" + tag + "' is not a language tag such as zh-CN");
            }
        });
    }

    public static Preferences none() {
        return NONE;
    }

    public ChannelPreference channel(ContactChannel channel) {
        return channels.getOrDefault(channel, ChannelPreference.OPEN);
    }

    public boolean allowsChannel(ContactChannel channel) {
        return channel(channel).enabled();
    }

    public boolean allowsTopic(String topic) {
        return topics.getOrDefault(topic, Boolean.TRUE);
    }
}
