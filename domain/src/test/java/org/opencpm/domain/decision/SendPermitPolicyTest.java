package org.opencpm.domain.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.domain.Fixtures.aPurpose;
import static org.opencpm.domain.Fixtures.marketingSms;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.domain.ChinaTime;
import org.opencpm.domain.preference.ChannelPreference;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.preference.FrequencyBudget;
import org.opencpm.domain.preference.FrequencyCap;
import org.opencpm.domain.preference.FrequencyWindow;
import org.opencpm.domain.preference.PeriodLimit;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.preference.QuietHours;
import org.opencpm.domain.purpose.LegalBasis;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCategory;

class SendPermitPolicyTest {

    private static final Instant TUESDAY_10AM_BEIJING = Instant.parse("2026-11-03T02:00:00Z");
    private static final Instant TUESDAY_11PM_BEIJING = Instant.parse("2026-11-03T15:00:00Z");
    private static final Instant TUESDAY_9PM_BEIJING = Instant.parse("2026-11-03T13:00:00Z");

    private final Purpose sms = marketingSms();
    private final Decision allowed = Decision.because(Reason.GRANTED);
    private final Preferences twoSmsAMonth = new Preferences(Map.of(),
            Map.of(ContactChannel.SMS, ChannelPreference.enabled(FrequencyCap.perMonth(2))), Optional.empty(), Optional.empty());

    @Test
    @DisplayName("MIIT Order 31: no marketing SMS without consent")
    void no_permit_without_an_allowing_decision() {
        assertThat(SendPermitPolicy.check(Decision.because(Reason.NO_CONSENT), sms, Preferences.none(), ContactChannel.SMS,
                TUESDAY_10AM_BEIJING)).isEqualTo(new SendPermitPolicy.Refused(Reason.NO_CONSENT));
    }

    @Test
    @DisplayName("Consumer protection: SMS at most twice a month when the person says so")
    void at_most_two_sms_a_month() {
        SendPermitPolicy.Check check = SendPermitPolicy.check(allowed, sms, twoSmsAMonth, ContactChannel.SMS, TUESDAY_10AM_BEIJING);
        List<PeriodLimit> limits = ((SendPermitPolicy.Admissible) check).limits();
        assertThat(limits).containsExactly(new PeriodLimit(FrequencyWindow.MONTH, "M2026-11", 2));

        FrequencyBudget budget = FrequencyBudget.unused();
        assertThat(budget.admits(limits)).isTrue();
        budget = budget.consume(limits);
        assertThat(budget.admits(limits)).isTrue();
        budget = budget.consume(limits);
        assertThat(budget.admits(limits)).isFalse();

        List<PeriodLimit> nextMonth = FrequencyCap.perMonth(2).limitsAt(Instant.parse("2026-12-01T01:00:00Z"), ChinaTime.ZONE);
        assertThat(budget.admits(nextMonth)).isTrue();
    }

    @Test
    void months_are_counted_in_beijing_time() {
        // 2026-11-30T17:00Z is already 1 December in Beijing
        assertThat(FrequencyWindow.MONTH.periodOf(Instant.parse("2026-11-30T17:00:00Z"), ChinaTime.ZONE)).isEqualTo("M2026-12");
        assertThat(FrequencyWindow.WEEK.periodOf(Instant.parse("2026-11-29T02:00:00Z"), ChinaTime.ZONE)).isEqualTo("W2026-48");
        assertThat(FrequencyWindow.DAY.periodOf(Instant.parse("2026-11-29T17:00:00Z"), ChinaTime.ZONE)).isEqualTo("D2026-11-30");
    }

    @Test
    @DisplayName("Consumer protection: no marketing during the 22:00–08:00 curfew")
    void marketing_is_not_sent_during_the_curfew() {
        assertThat(SendPermitPolicy.check(allowed, sms, Preferences.none(), ContactChannel.SMS, TUESDAY_11PM_BEIJING))
                .isEqualTo(new SendPermitPolicy.Refused(Reason.QUIET_HOURS));
        Purpose survey = aPurpose("satisfaction-survey").category(PurposeCategory.ANALYTICS).build();
        assertThat(SendPermitPolicy.check(allowed, survey, Preferences.none(), ContactChannel.SMS, TUESDAY_11PM_BEIJING))
                .isInstanceOf(SendPermitPolicy.Admissible.class);
    }

    @Test
    void a_persons_own_quiet_hours_hold_across_midnight() {
        QuietHours evenings = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0), ChinaTime.ZONE);
        Preferences quiet = new Preferences(Map.of(), Map.of(), Optional.of(evenings), Optional.empty());
        assertThat(SendPermitPolicy.check(allowed, sms, quiet, ContactChannel.SMS, TUESDAY_9PM_BEIJING))
                .isEqualTo(new SendPermitPolicy.Refused(Reason.QUIET_HOURS));
        assertThat(SendPermitPolicy.check(allowed, sms, quiet, ContactChannel.SMS, TUESDAY_10AM_BEIJING))
                .isInstanceOf(SendPermitPolicy.Admissible.class);
        assertThat(evenings.contains(Instant.parse("2026-11-03T23:59:00Z"))).isTrue(); // 07:59 next morning
        assertThat(evenings.contains(Instant.parse("2026-11-04T00:00:00Z"))).isFalse(); // 08:00
    }

    @Test
    void messages_on_another_lawful_basis_skip_quiet_hours_and_caps() {
        Purpose delivery = aPurpose("delivery-notice").category(PurposeCategory.SERVICE).legalBasis(LegalBasis.CONTRACT).build();
        assertThat(SendPermitPolicy.check(Decision.because(Reason.LEGAL_BASIS), delivery, twoSmsAMonth, ContactChannel.SMS,
                TUESDAY_11PM_BEIJING)).isEqualTo(new SendPermitPolicy.Admissible(List.of()));
    }
}
