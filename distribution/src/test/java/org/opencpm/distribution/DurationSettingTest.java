package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DurationSettingTest {

    private static Duration read(Map<String, String> values) {
        return DurationSetting.read(key -> Optional.ofNullable(values.get(key)), "opencpm.x.window", Duration.ofMinutes(1),
                Duration.ofSeconds(1), Duration.ofHours(1));
    }

    @Test
    void unset_or_blank_is_the_default_and_a_value_in_bounds_is_taken_trimmed() {
        assertThat(read(Map.of())).isEqualTo(Duration.ofMinutes(1));
        assertThat(read(Map.of("opencpm.x.window", "  "))).isEqualTo(Duration.ofMinutes(1));
        assertThat(read(Map.of("opencpm.x.window", " PT1S "))).isEqualTo(Duration.ofSeconds(1));
        assertThat(read(Map.of("opencpm.x.window", "PT1H"))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void anything_else_stops_the_start_naming_the_key_the_bounds_and_the_value() {
        for (String wrong : new String[] {"1m", "PT0.5S", "PT1H0.001S", "-PT1M", "P1D"}) {
            assertThatThrownBy(() -> read(Map.of("opencpm.x.window", wrong)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContainingAll("opencpm.x.window", "PT1S", "PT1H", "'" + wrong + "'");
        }
    }
}
