package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditSettingsTest {

    private static AuditSettings of(Map<String, String> values) {
        return AuditSettings.from(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void checkpoints_every_five_minutes_unless_configured() {
        assertThat(of(Map.of()).checkpointEvery()).isEqualTo(Duration.ofMinutes(5));
        assertThat(of(Map.of(AuditSettings.CHECKPOINT_SECONDS, " 60 ")).checkpointEvery()).isEqualTo(Duration.ofMinutes(1));
        assertThat(of(Map.of()).keyFile()).isEmpty();
    }

    @Test
    void an_interval_out_of_range_or_not_a_number_stops_the_start_naming_the_key() {
        for (String bad : new String[] {"0", "9", "86401", "five", "-300", "1.5"}) {
            assertThatThrownBy(() -> of(Map.of(AuditSettings.CHECKPOINT_SECONDS, bad)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(AuditSettings.CHECKPOINT_SECONDS);
        }
    }
}
