package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerSettingsTest {

    @Test
    void the_embedded_database_compresses_its_pages_unless_the_operator_says_false() {
        assertThat(ServerSettings.compressH2Pages(Optional.empty())).isTrue();
        assertThat(ServerSettings.compressH2Pages(Optional.of(" FALSE "))).isFalse();
        assertThat(ServerSettings.compressH2Pages(Optional.of("true"))).isTrue();
    }

    @Test
    void anything_but_true_or_false_stops_the_start_naming_the_key() {
        for (String bad : new String[] {"", "no", "0", "off", "yes"}) {
            assertThatThrownBy(() -> ServerSettings.compressH2Pages(Optional.of(bad)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(ServerSettings.COMPRESS_H2);
        }
    }
}
