package org.opencpm.domain.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.domain.Fixtures.DAY_ONE;
import static org.opencpm.domain.Fixtures.PARENT_PHONE;
import static org.opencpm.domain.Fixtures.PHONE;
import static org.opencpm.domain.Fixtures.aParent;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.domain.InvalidValueException;

class GuardianPolicyTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
    private final Subject someone = Subject.register(SubjectId.of("sub_1"), DAY_ONE);

    private Subject bornOn(LocalDate birthDate) {
        return someone.withAgeFacts(Optional.of(birthDate), Optional.empty(), TODAY);
    }

    @Test
    void a_subject_is_a_minor_until_their_fourteenth_birthday() {
        Subject turnsFourteenToday = bornOn(TODAY.minusYears(14));
        Subject turnsFourteenTomorrow = bornOn(TODAY.minusYears(14).plusDays(1));
        assertThat(turnsFourteenToday.isMinorOn(TODAY)).isFalse();
        assertThat(turnsFourteenTomorrow.isMinorOn(TODAY)).isTrue();
        assertThat(turnsFourteenTomorrow.isMinorOn(TODAY.plusDays(1))).isFalse();
    }

    @Test
    void without_a_birth_date_the_minor_flag_decides() {
        Subject declared = someone.withAgeFacts(Optional.empty(), Optional.of(true), TODAY);
        assertThat(declared.isMinorOn(TODAY)).isTrue();
        assertThat(declared.withAgeFacts(Optional.empty(), Optional.of(false), TODAY).isMinorOn(TODAY)).isFalse();
        assertThat(someone.isMinorOn(TODAY)).isFalse();
    }

    @Test
    void a_birth_date_in_the_future_is_refused() {
        assertThatThrownBy(() -> bornOn(TODAY.plusDays(1))).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("future");
    }

    @Test
    @DisplayName("PIPL Art. 31: a grant for a subject under 14 without guardian evidence is refused")
    void a_grant_for_a_minor_needs_a_guardian() {
        Subject child = bornOn(LocalDate.of(2016, 5, 1));
        assertThatThrownBy(() -> GuardianPolicy.checkGrant(child, Set.of(PHONE), Optional.empty(), TODAY))
                .isInstanceOf(GuardianPolicy.GuardianRequiredException.class)
                .extracting("code").isEqualTo("guardian-required");
        GuardianPolicy.checkGrant(child, Set.of(PHONE), Optional.of(aParent()), TODAY);
    }

    @Test
    void an_adult_needs_no_guardian() {
        GuardianPolicy.checkGrant(bornOn(LocalDate.of(1990, 1, 1)), Set.of(PHONE), Optional.empty(), TODAY);
    }

    @Test
    void a_minor_cannot_be_their_own_guardian() {
        Subject child = bornOn(LocalDate.of(2016, 5, 1));
        Guardian themselves = new Guardian(List.of(PHONE, PARENT_PHONE), GuardianRelation.PARENT);
        assertThatThrownBy(() -> GuardianPolicy.checkGrant(child, Set.of(PHONE), Optional.of(themselves), TODAY))
                .isInstanceOf(GuardianPolicy.GuardianIsSubjectException.class);
    }

    @Test
    void a_grant_without_guardian_stops_counting_while_the_subject_is_a_minor() {
        Subject child = bornOn(LocalDate.of(2016, 5, 1));
        assertThat(GuardianPolicy.grantStands(child, false, TODAY)).isFalse();
        assertThat(GuardianPolicy.grantStands(child, true, TODAY)).isTrue();
        assertThat(GuardianPolicy.grantStands(child, false, LocalDate.of(2030, 5, 1))).isTrue();
    }

    @Test
    void versions_only_advance() {
        assertThat(someone.version()).isZero();
        assertThat(someone.advanced().advanced().version()).isEqualTo(2);
    }
}
