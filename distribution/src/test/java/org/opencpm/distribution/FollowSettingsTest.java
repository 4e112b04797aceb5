package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FollowSettingsTest {

    private static FollowSettings settings(Map<String, String> config) {
        return FollowSettings.from(key -> Optional.ofNullable(config.get(key)));
    }

    @Test
    void the_index_follows_every_100_ms_and_is_not_ready_10_s_behind_unless_configured() {
        assertThat(settings(Map.of())).isEqualTo(new FollowSettings(Duration.ofMillis(100), Duration.ofSeconds(10)));
        assertThat(settings(Map.of(FollowSettings.INTERVAL, " PT0.05S ", FollowSettings.MAX_LAG, "PT2S")))
                .isEqualTo(new FollowSettings(Duration.ofMillis(50), Duration.ofSeconds(2)));
    }

    @Test
    void a_setting_out_of_range_or_not_a_duration_stops_the_start_naming_the_key() {
        for (String bad : new String[] {"PT0.001S", "PT11S", "100", "-PT1S", "soon"}) {
            assertThatThrownBy(() -> settings(Map.of(FollowSettings.INTERVAL, bad))).as(bad)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(FollowSettings.INTERVAL);
        }
        for (String bad : new String[] {"PT0.5S", "PT2H", "10"}) {
            assertThatThrownBy(() -> settings(Map.of(FollowSettings.MAX_LAG, bad))).as(bad)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(FollowSettings.MAX_LAG);
        }
    }
}
