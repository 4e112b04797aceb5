package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RightsSettingsTest {

    private static Duration deadline(Map<String, String> config) {
        return RightsSettings.deadline(key -> Optional.ofNullable(config.get(key)));
    }

    @Test
    void the_deadline_is_15_days_unless_configured() {
        assertThat(deadline(Map.of())).isEqualTo(Duration.ofDays(15));
        assertThat(deadline(Map.of("opencpm.rights.deadlineDays", " 30 "))).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void a_deadline_that_is_not_1_to_365_days_stops_the_start_naming_the_key() {
        for (String bad : new String[] {"0", "-3", "366", "two weeks", "1.5"}) {
            assertThatThrownBy(() -> deadline(Map.of("opencpm.rights.deadlineDays", bad))).as(bad)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("opencpm.rights.deadlineDays");
        }
    }
}
