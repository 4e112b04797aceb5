package org.opencpm.domain.subject;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.opencpm.domain.InvalidValueException;

/** The hand-written mobile check reads numbers exactly as the expression {@code 1[3-9]\d{9}} did. */
class PhoneNumbersTest {

    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");

    @Test
    void mobile_numbers_at_the_edges() {
        assertThat(PhoneNumbers.normalise("13800138000", "p")).isEqualTo("+8613800138000");
        assertThat(PhoneNumbers.normalise("19999999999", "p")).isEqualTo("+8619999999999");
        assertThat(PhoneNumbers.normalise("8613800138000", "p")).isEqualTo("+8613800138000");
        assertThat(PhoneNumbers.normalise("+86 138-0013-8000", "p")).isEqualTo("+8613800138000");
        for (String notMobile : new String[] {"12800138000", "10800138000", "1380013800", "138001380001", "23800138000"}) {
            assertThat(normalised(notMobile)).as(notMobile).isEmpty();
        }
    }

    @Test
    void random_digit_strings_are_mobiles_exactly_when_the_expression_says_so() {
        Random random = new Random(13);
        for (int n = 0; n < 200_000; n++) {
            StringBuilder digits = new StringBuilder("1");
            int length = 9 + random.nextInt(5);
            for (int i = 1; i < length; i++) {
                digits.append((char) ('0' + random.nextInt(10)));
            }
            String number = digits.toString();
            boolean mobile = MOBILE.matcher(number).matches();
            assertThat(normalised(number).isPresent()).as(number).isEqualTo(mobile);
            if (mobile) {
                assertThat(normalised("+86" + number)).as("+86" + number).contains("+86" + number);
                assertThat(normalised("86" + number)).as("86" + number).contains("+86" + number);
            }
        }
    }

    private static Optional<String> normalised(String written) {
        try {
            return Optional.of(PhoneNumbers.normalise(written, "p"));
        } catch (InvalidValueException notAPhone) {
            return Optional.empty();
        }
    }
}
