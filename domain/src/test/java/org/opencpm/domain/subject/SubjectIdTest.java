package org.opencpm.domain.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.opencpm.domain.InvalidValueException;

class SubjectIdTest {

    /** The shape the API documents for a subject id, which the hand-written check must accept exactly. */
    private static final Pattern DOCUMENTED = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String ALPHABET = "azAZ09mQ5_-`{@[/:.+ é０\u0000";

    @Test
    void a_subject_id_is_exactly_1_to_64_letters_digits_underscores_or_hyphens() {
        Random random = new Random(3);
        int accepted = 0;
        for (int n = 0; n < 50_000; n++) {
            int length = random.nextInt(70);
            boolean odd = random.nextInt(4) == 0;
            StringBuilder value = new StringBuilder();
            for (int i = 0; i < length; i++) {
                value.append(odd ? ALPHABET.charAt(random.nextInt(ALPHABET.length())) : ALPHABET.charAt(random.nextInt(11)));
            }
            String text = value.toString();
            boolean valid;
            try {
                SubjectId.of(text);
                valid = true;
            } catch (InvalidValueException refused) {
                valid = false;
            }
            assertThat(valid).as("'%s'", text).isEqualTo(DOCUMENTED.matcher(text).matches());
            accepted += valid ? 1 : 0;
        }
        assertThat(accepted).as("both kinds were tried").isBetween(10_000, 45_000);
        for (char c : ALPHABET.toCharArray()) {
            String oneChanged = "sub_" + c;
            boolean accepts;
            try {
                SubjectId.of(oneChanged);
                accepts = true;
            } catch (InvalidValueException refused) {
                accepts = false;
            }
            assertThat(accepts).as("ending in '%s'", c).isEqualTo(DOCUMENTED.matcher(oneChanged).matches());
        }
        assertThatThrownBy(() -> SubjectId.of(null)).isInstanceOf(InvalidValueException.class);
    }
}
