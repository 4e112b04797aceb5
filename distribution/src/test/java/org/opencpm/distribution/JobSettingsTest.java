package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobSettingsTest {

    private static JobSettings.Jobs jobs(Map<String, String> config) {
        return JobSettings.from(key -> Optional.ofNullable(config.get(key)));
    }

    @Test
    void expiry_hourly_retention_daily_and_reporting_only_unless_configured() {
        assertThat(jobs(Map.of())).isEqualTo(new JobSettings.Jobs(Duration.ofHours(1), Duration.ofHours(24), false));
        assertThat(jobs(Map.of("opencpm.expiry.interval", " PT5M ", "opencpm.retention.interval", "P7D", "opencpm.retention.erase", "true")))
                .isEqualTo(new JobSettings.Jobs(Duration.ofMinutes(5), Duration.ofDays(7), true));
        assertThat(jobs(Map.of("opencpm.expiry.interval", "PT1M", "opencpm.retention.erase", "false")).expiryInterval())
                .isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void an_interval_outside_a_minute_to_a_week_or_an_erase_not_true_or_false_stops_the_start_naming_the_key() {
        for (String key : new String[] {"opencpm.expiry.interval", "opencpm.retention.interval"}) {
            for (String bad : new String[] {"PT59S", "P8D", "PT0S", "-PT1H", "1h", "3600", "hourly"}) {
                assertThatThrownBy(() -> jobs(Map.of(key, bad))).as(key + "=" + bad)
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining(key);
            }
        }
        for (String bad : new String[] {"yes", "TRUE", "1", "on"}) {
            assertThatThrownBy(() -> jobs(Map.of("opencpm.retention.erase", bad))).as(bad)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("opencpm.retention.erase");
        }
    }
}
