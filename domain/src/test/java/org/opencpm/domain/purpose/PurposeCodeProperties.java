package org.opencpm.domain.purpose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.opencpm.domain.InvalidValueException;

/** The hand-written shape check of a purpose code accepts exactly what the documented pattern does. */
class PurposeCodeProperties {

    private static final Pattern DOCUMENTED = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    @Provide
    Arbitrary<String> candidates() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("az09._-A/ é\u0000").ofMinLength(0).ofMaxLength(70),
                Arbitraries.strings().withChars("abc-").ofMinLength(60).ofMaxLength(68),
                Arbitraries.strings().ofMaxLength(10));
    }

    @Property(tries = 3000)
    void a_code_is_accepted_exactly_when_it_matches_the_pattern(@ForAll("candidates") String candidate) {
        boolean accepted;
        try {
            PurposeCode.of(candidate);
            accepted = true;
        } catch (InvalidValueException refused) {
            accepted = false;
        }
        assertThat(accepted).as(candidate).isEqualTo(DOCUMENTED.matcher(candidate).matches());
    }
}
