package org.opencpm.application.port.out;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifierHashTest {

    private static final String HEX = "0123456789abcdef".repeat(4);

    @Test
    void sixty_four_lower_case_hex_digits_are_a_hash() {
        assertThatCode(() -> new IdentifierHash(HEX)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg",
            "/123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            ":123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "`123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
    void anything_else_is_not(String hex) {
        assertThatThrownBy(() -> new IdentifierHash(hex)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nothing_is_not_a_hash() {
        assertThatThrownBy(() -> new IdentifierHash(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
