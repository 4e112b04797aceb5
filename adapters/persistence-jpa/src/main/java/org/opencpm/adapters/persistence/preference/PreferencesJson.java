package org.opencpm.adapters.persistence.preference;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.opencpm.adapters.persistence.JsonText;
import org.opencpm.domain.preference.ChannelPreference;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.preference.FrequencyCap;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.preference.QuietHours;

/**
 * {@link Preferences} as JSON text, members in name order, channels by their codes, times as
 * ISO local times and the zone by its id:
 * {@code {"channels":{"sms":{"enabled":true,"maxPerMonth":2}},"language":"zh-CN",
 * "quietHours":{"end":"08:00","start":"21:00","zone":"Asia/Shanghai"},"topics":{"promotions":false}}}.
 * Used for the {@code preferences} table and the outbox.
 */
public final class PreferencesJson {

    private PreferencesJson() {
    }

    public static String write(Preferences preferences) {
        JsonObjectBuilder channels = JsonText.object();
        Map<String, ChannelPreference> byCode = new TreeMap<>();
        preferences.channels().forEach((channel, preference) -> byCode.put(channel.code(), preference));
        byCode.forEach((code, preference) -> {
            JsonObjectBuilder channel = JsonText.object().add("enabled", preference.enabled());
            JsonText.addIfPresent(channel, "maxPerDay", preference.cap().maxPerDay());
            JsonText.addIfPresent(channel, "maxPerMonth", preference.cap().maxPerMonth());
            JsonText.addIfPresent(channel, "maxPerWeek", preference.cap().maxPerWeek());
            channels.add(code, channel);
        });
        JsonObjectBuilder topics = JsonText.object();
        new TreeMap<>(preferences.topics()).forEach(topics::add);

        JsonObjectBuilder body = JsonText.object().add("channels", channels);
        JsonText.addIfPresent(body, "language", preferences.language());
        preferences.quietHours().ifPresent(q -> body.add("quietHours", JsonText.object()
                .add("end", q.end().toString())
                .add("start", q.start().toString())
                .add("zone", q.zone().getId())));
        body.add("topics", topics);
        return JsonText.write(body.build());
    }

    public static Preferences read(String json) {
        JsonObject body = JsonText.readObject(json);
        Map<ContactChannel, ChannelPreference> channels = new EnumMap<>(ContactChannel.class);
        body.getJsonObject("channels").forEach((code, value) -> {
            JsonObject channel = value.asJsonObject();
            channels.put(ContactChannel.parse(code, "channels"), new ChannelPreference(channel.getBoolean("enabled"),
                    new FrequencyCap(JsonText.optionalInt(channel, "maxPerMonth"), JsonText.optionalInt(channel, "maxPerWeek"),
                            JsonText.optionalInt(channel, "maxPerDay"))));
        });
        Map<String, Boolean> topics = new TreeMap<>();
        body.getJsonObject("topics").forEach((topic, wanted) -> topics.put(topic, wanted == JsonValue.TRUE));
        Optional<QuietHours> quietHours = Optional.ofNullable(body.get("quietHours"))
                .filter(value -> value.getValueType() == JsonValue.ValueType.OBJECT)
                .map(JsonValue::asJsonObject)
                .map(q -> new QuietHours(LocalTime.parse(q.getString("start")), LocalTime.parse(q.getString("end")),
                        ZoneId.of(q.getString("zone"))));
        return new Preferences(topics, channels, quietHours, JsonText.optionalString(body, "language"));
    }
}
