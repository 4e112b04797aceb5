package org.opencpm.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class IdentifierHashTest {

    private static final Pattern DOCUMENTED = Pattern.compile("[0-9a-f]{64}");
    private static final String ALPHABET = "0123456789abcdefgAF/:`G ０";

    @Test
    void an_identifier_hash_is_exactly_64_lower_case_hex_digits() {
        Random random = new Random(5);
        int accepted = 0;
        for (int n = 0; n < 50_000; n++) {
            int length = random.nextInt(4) == 0 ? random.nextInt(70) : 64;
            boolean odd = random.nextInt(3) == 0;
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < length; i++) {
                hex.append(ALPHABET.charAt(random.nextInt(odd ? ALPHABET.length() : 16)));
            }
            String text = hex.toString();
            boolean valid;
            try {
                new IdentifierHash(text);
                valid = true;
            } catch (IllegalArgumentException refused) {
                valid = false;
            }
            assertThat(valid).as("'%s'", text).isEqualTo(DOCUMENTED.matcher(text).matches());
            accepted += valid ? 1 : 0;
        }
        assertThat(accepted).as("both kinds were tried").isBetween(10_000, 45_000);
        String valid = "0123456789abcdef".repeat(4);
        for (char c : ALPHABET.toCharArray()) {
            String oneChanged = valid.substring(0, 63) + c;
            boolean accepts;
            try {
                new IdentifierHash(oneChanged);
                accepts = true;
            } catch (IllegalArgumentException refused) {
                accepts = false;
            }
            assertThat(accepts).as("ending in '%s'", c).isEqualTo(DOCUMENTED.matcher(oneChanged).matches());
        }
    }
}
