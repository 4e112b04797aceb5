package org.opencpm.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** An identifier hash is exactly 64 lower-case hex digits, nothing else. */
class IdentifierHashTest {

    private static final String HASH = "0123456789abcdef".repeat(4);

    @Test
    void sixty_four_lower_case_hex_digits_are_a_hash() {
        assertThat(new IdentifierHash(HASH).hex()).isEqualTo(HASH);
    }

    @Test
    void anything_else_is_refused() {
        for (String bad : new String[] {null, "", HASH.substring(1), HASH + "0", HASH.toUpperCase(), HASH.substring(1) + "g",
                "/" + HASH.substring(1), ":" + HASH.substring(1), "`" + HASH.substring(1), HASH.substring(1) + " "}) {
            assertThatThrownBy(() -> new IdentifierHash(bad)).as(String.valueOf(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
