package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opencpm.application.selfservice.SmsLimits;

class SmsLimitsConfigTest {

    private static final String P = SmsLimitsConfig.PREFIX;

    private static SmsLimits limits(Map<String, String> config) {
        return SmsLimitsConfig.from(key -> Optional.ofNullable(config.get(key)));
    }

    @Test
    void three_a_phone_ten_an_address_a_thousand_in_all_per_15_minutes_unless_configured() {
        assertThat(limits(Map.of())).isEqualTo(new SmsLimits(3, 10, 1_000, Duration.ofMinutes(15)));
        assertThat(limits(Map.of(P + "per-phone", "2", P + "per-address", " 50 ", P + "overall", "20000", P + "window", "PT1H")))
                .isEqualTo(new SmsLimits(2, 50, 20_000, Duration.ofHours(1)));
    }

    @Test
    void a_limit_that_is_not_a_whole_number_from_1_or_a_window_out_of_range_stops_the_start_naming_the_key() {
        for (String key : new String[] {"per-phone", "per-address", "overall"}) {
            for (String bad : new String[] {"0", "-1", "ten", "1.5", "99999999999"}) {
                assertThatThrownBy(() -> limits(Map.of(P + key, bad))).as(key + "=" + bad)
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining(P + key);
            }
        }
        for (String bad : new String[] {"PT30S", "P2D", "15"}) {
            assertThatThrownBy(() -> limits(Map.of(P + "window", bad))).as(bad)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(P + "window");
        }
    }
}
