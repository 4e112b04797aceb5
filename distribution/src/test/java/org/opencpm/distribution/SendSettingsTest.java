package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opencpm.domain.decision.SendRules;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.preference.FrequencyCap;
import org.opencpm.domain.preference.QuietHours;

/** The operator's send rules as read from {@code conf/opencpm.properties} (or the environment). */
class SendSettingsTest {

    private static SendRules read(Map<String, String> configured) {
        return SendSettings.from(key -> Optional.ofNullable(configured.get(key)), configured.keySet());
    }

    @Test
    void nothing_configured_is_the_default_curfew_and_no_operator_caps() {
        assertThat(read(Map.of())).isEqualTo(SendRules.DEFAULT);
        assertThat(read(Map.of("opencpm.http.port", "8080", SendSettings.CURFEW, " "))).isEqualTo(SendRules.DEFAULT);
    }

    @Test
    void the_curfew_is_moved_to_another_window_and_zone_or_turned_off() {
        SendRules moved = read(Map.of(SendSettings.CURFEW, "21:30-9:00", SendSettings.CURFEW_ZONE, "Asia/Urumqi"));
        assertThat(moved.marketingCurfew())
                .contains(new QuietHours(LocalTime.of(21, 30), LocalTime.of(9, 0), ZoneId.of("Asia/Urumqi")));
        assertThat(read(Map.of(SendSettings.CURFEW_ZONE, "Asia/Hong_Kong")).marketingCurfew())
                .contains(new QuietHours(LocalTime.of(22, 0), LocalTime.of(8, 0), ZoneId.of("Asia/Hong_Kong")));
        assertThat(read(Map.of(SendSettings.CURFEW_ENABLED, "FALSE")).marketingCurfew()).isEmpty();
    }

    @Test
    void operator_caps_are_read_per_channel_and_window() {
        SendRules rules = read(Map.of(
                "opencpm.send.marketing.sms.maxPerMonth", "4",
                "opencpm.send.marketing.sms.maxPerDay", "1",
                "opencpm.send.marketing.app_push.maxPerWeek", "0"));

        assertThat(rules.marketingCap(ContactChannel.SMS)).isEqualTo(new FrequencyCap(Optional.of(4), Optional.empty(), Optional.of(1)));
        assertThat(rules.marketingCap(ContactChannel.APP_PUSH)).isEqualTo(new FrequencyCap(Optional.empty(), Optional.of(0), Optional.empty()));
        assertThat(rules.marketingCap(ContactChannel.EMAIL)).isEqualTo(FrequencyCap.NONE);
        assertThat(rules.marketingCurfew()).contains(QuietHours.MARKETING_CURFEW);
        assertThat(SendSettings.describe(rules)).isEqualTo(
                "send permits: marketing curfew 22:00-08:00 Asia/Shanghai; operator caps on marketing: sms 4/month 1/day, app_push 0/week");
    }

    @Test
    void a_malformed_value_refuses_the_start_naming_its_key() {
        Map<String, String> malformed = Map.of(
                SendSettings.CURFEW, "22h-8h",
                SendSettings.CURFEW_ZONE, "Beijing",
                SendSettings.CURFEW_ENABLED, "yes",
                "opencpm.send.marketing.sms.maxPerMonth", "four",
                "opencpm.send.marketing.email.maxPerDay", "-1",
                "opencpm.send.marketing.wechat.maxPerWeek", "10001");
        malformed.forEach((key, value) -> assertThatThrownBy(() -> read(Map.of(key, value)))
                .as(key).isInstanceOf(IllegalStateException.class).hasMessageStartingWith(key + ": '" + value + "'"));
        assertThatThrownBy(() -> read(Map.of(SendSettings.CURFEW, "08:00-08:00")))
                .hasMessageStartingWith(SendSettings.CURFEW + ": '08:00-08:00' is not a window of two different times of day");
        assertThatThrownBy(() -> read(Map.of(SendSettings.CURFEW, "25:00-08:00"))).hasMessageStartingWith(SendSettings.CURFEW);
        // checked even while the curfew is off: turning it on again must not be when the mistake shows
        assertThatThrownBy(() -> read(Map.of(SendSettings.CURFEW_ENABLED, "false", SendSettings.CURFEW, "late")))
                .hasMessageStartingWith(SendSettings.CURFEW + ": 'late'");
    }

    @Test
    void a_key_under_opencpm_send_that_means_nothing_refuses_the_start_rather_than_leave_a_cap_unapplied() {
        for (String typo : new String[] {"opencpm.send.marketing.sms.maxPerMoth", "opencpm.send.marketing.text.maxPerDay",
                "opencpm.send.curfew.enable", "opencpm.send.marketing.SMS.maxPerDay"}) {
            assertThatThrownBy(() -> read(Map.of(typo, "2"))).as(typo)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown send setting " + typo);
        }
    }

    @Test
    void the_examples_in_the_shipped_opencpm_properties_are_accepted_as_written() throws IOException {
        Map<String, String> examples = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("src/dist/conf/opencpm.properties"))) {
            if (line.startsWith("#" + SendSettings.PREFIX)) {
                String[] pair = line.substring(1).split("=", 2);
                examples.put(pair[0], pair[1]);
            }
        }
        assertThat(examples).containsKeys(SendSettings.CURFEW, SendSettings.CURFEW_ZONE, SendSettings.CURFEW_ENABLED,
                "opencpm.send.marketing.sms.maxPerMonth", "opencpm.send.marketing.sms.maxPerWeek", "opencpm.send.marketing.sms.maxPerDay");

        SendRules rules = read(examples);

        assertThat(rules.marketingCurfew()).contains(QuietHours.MARKETING_CURFEW);
        assertThat(rules.marketingCap(ContactChannel.SMS)).isEqualTo(new FrequencyCap(Optional.of(4), Optional.of(2), Optional.of(1)));
    }
}
