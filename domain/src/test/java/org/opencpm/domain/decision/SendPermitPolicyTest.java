package org.opencpm.domain.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.domain.Fixtures.aPurpose;
import static org.opencpm.domain.Fixtures.marketingSms;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
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

    private final SendPermitPolicy policy = new SendPermitPolicy(SendRules.DEFAULT);
    private final Purpose sms = marketingSms();
    private final Decision allowed = Decision.because(Reason.GRANTED);
    private final Preferences twoSmsAMonth = new Preferences(Map.of(),
            Map.of(ContactChannel.SMS, ChannelPreference.enabled(FrequencyCap.perMonth(2))), Optional.empty(), Optional.empty());

    @Test
    @DisplayName("MIIT Order 31: no marketing SMS without consent")
    void no_permit_without_an_allowing_decision() {
        assertThat(policy.check(Decision.because(Reason.NO_CONSENT), sms, Preferences.none(), ContactChannel.SMS,
                TUESDAY_10AM_BEIJING)).isEqualTo(new SendPermitPolicy.Refused(Reason.NO_CONSENT));
    }

    @Test
    @DisplayName("Consumer protection: SMS at most twice a month when the person says so")
    void at_most_two_sms_a_month() {
        SendPermitPolicy.Check check = policy.check(allowed, sms, twoSmsAMonth, ContactChannel.SMS, TUESDAY_10AM_BEIJING);
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
        assertThat(policy.check(allowed, sms, Preferences.none(), ContactChannel.SMS, TUESDAY_11PM_BEIJING))
                .isEqualTo(new SendPermitPolicy.Refused(Reason.QUIET_HOURS));
        Purpose survey = aPurpose("satisfaction-survey").category(PurposeCategory.ANALYTICS).build();
        assertThat(policy.check(allowed, survey, Preferences.none(), ContactChannel.SMS, TUESDAY_11PM_BEIJING))
                .isInstanceOf(SendPermitPolicy.Admissible.class);
    }

    @Test
    void a_persons_own_quiet_hours_hold_across_midnight() {
        QuietHours evenings = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0), ChinaTime.ZONE);
        Preferences quiet = new Preferences(Map.of(), Map.of(), Optional.of(evenings), Optional.empty());
        assertThat(policy.check(allowed, sms, quiet, ContactChannel.SMS, TUESDAY_9PM_BEIJING))
                .isEqualTo(new SendPermitPolicy.Refused(Reason.QUIET_HOURS));
        assertThat(policy.check(allowed, sms, quiet, ContactChannel.SMS, TUESDAY_10AM_BEIJING))
                .isInstanceOf(SendPermitPolicy.Admissible.class);
        assertThat(evenings.contains(Instant.parse("2026-11-03T23:59:00Z"))).isTrue(); // 07:59 next morning
        assertThat(evenings.contains(Instant.parse("2026-11-04T00:00:00Z"))).isFalse(); // 08:00
    }

    @Test
    void messages_on_another_lawful_basis_skip_quiet_hours_and_caps() {
        Purpose delivery = aPurpose("delivery-notice").category(PurposeCategory.SERVICE).legalBasis(LegalBasis.CONTRACT).build();
        assertThat(policy.check(Decision.because(Reason.LEGAL_BASIS), delivery, twoSmsAMonth, ContactChannel.SMS,
                TUESDAY_11PM_BEIJING)).isEqualTo(new SendPermitPolicy.Admissible(List.of()));
    }

    // ---------------------------------------------------------------- the curfew's edges

    @Test
    @DisplayName("Carriers' rules for commercial SMS: marketing until 21:59:59.999, none from 22:00 (Beijing time)")
    void the_default_curfew_begins_at_ten_in_the_evening_beijing_time() {
        assertThat(policy.check(allowed, sms, Preferences.none(), ContactChannel.SMS, beijing("2026-11-03T21:59:59.999")))
                .isInstanceOf(SendPermitPolicy.Admissible.class);
        assertThat(policy.check(allowed, sms, Preferences.none(), ContactChannel.SMS, beijing("2026-11-03T22:00:00")))
                .isEqualTo(new SendPermitPolicy.Refused(Reason.QUIET_HOURS));
    }

    @Test
    @DisplayName("Carriers' rules for commercial SMS: none until 07:59:59.999, marketing again from 08:00 (Beijing time)")
    void the_default_curfew_ends_at_eight_in_the_morning_beijing_time() {
        assertThat(policy.check(allowed, sms, Preferences.none(), ContactChannel.SMS, beijing("2026-11-04T07:59:59.999")))
                .isEqualTo(new SendPermitPolicy.Refused(Reason.QUIET_HOURS));
        assertThat(policy.check(allowed, sms, Preferences.none(), ContactChannel.SMS, beijing("2026-11-04T08:00:00")))
                .isInstanceOf(SendPermitPolicy.Admissible.class);
    }

    @Test
    void an_operator_may_move_the_curfew_to_another_window_and_zone_and_its_edges_hold_there() {
        ZoneId urumqi = ZoneId.of("Asia/Urumqi");
        SendPermitPolicy moved = new SendPermitPolicy(SendRules.DEFAULT.withMarketingCurfew(
                Optional.of(new QuietHours(LocalTime.of(21, 0), LocalTime.of(9, 30), urumqi))));

        assertThat(moved.check(allowed, sms, Preferences.none(), ContactChannel.SMS, at("2026-11-03T20:59:59.999", urumqi)))
                .isInstanceOf(SendPermitPolicy.Admissible.class);
        assertThat(moved.check(allowed, sms, Preferences.none(), ContactChannel.SMS, at("2026-11-03T21:00:00", urumqi)))
                .isEqualTo(new SendPermitPolicy.Refused(Reason.QUIET_HOURS));
        assertThat(moved.check(allowed, sms, Preferences.none(), ContactChannel.SMS, at("2026-11-04T09:29:59.999", urumqi)))
                .isEqualTo(new SendPermitPolicy.Refused(Reason.QUIET_HOURS));
        assertThat(moved.check(allowed, sms, Preferences.none(), ContactChannel.SMS, at("2026-11-04T09:30:00", urumqi)))
                .isInstanceOf(SendPermitPolicy.Admissible.class);
        // 22:30 in Beijing is 20:30 in Urumqi: outside the moved curfew, though inside the default one
        assertThat(moved.check(allowed, sms, Preferences.none(), ContactChannel.SMS, beijing("2026-11-03T22:30:00")))
                .isInstanceOf(SendPermitPolicy.Admissible.class);
    }

    @Test
    void with_the_curfew_turned_off_a_persons_own_quiet_hours_still_apply() {
        SendPermitPolicy noCurfew = new SendPermitPolicy(SendRules.DEFAULT.withMarketingCurfew(Optional.empty()));
        Preferences lateEvenings = new Preferences(Map.of(), Map.of(),
                Optional.of(new QuietHours(LocalTime.of(23, 0), LocalTime.of(7, 0), ChinaTime.ZONE)), Optional.empty());

        assertThat(noCurfew.check(allowed, sms, lateEvenings, ContactChannel.SMS, beijing("2026-11-03T22:30:00")))
                .isInstanceOf(SendPermitPolicy.Admissible.class);
        assertThat(noCurfew.check(allowed, sms, lateEvenings, ContactChannel.SMS, beijing("2026-11-03T23:00:00")))
                .isEqualTo(new SendPermitPolicy.Refused(Reason.QUIET_HOURS));
        // and with the default curfew, the person's hours add to it: 10:00–11:00 quiet is refused too
        Preferences lateMornings = new Preferences(Map.of(), Map.of(),
                Optional.of(new QuietHours(LocalTime.of(10, 0), LocalTime.of(11, 0), ChinaTime.ZONE)), Optional.empty());
        assertThat(policy.check(allowed, sms, lateMornings, ContactChannel.SMS, beijing("2026-11-03T10:59:59.999")))
                .isEqualTo(new SendPermitPolicy.Refused(Reason.QUIET_HOURS));
        assertThat(policy.check(allowed, sms, lateMornings, ContactChannel.SMS, beijing("2026-11-03T11:00:00")))
                .isInstanceOf(SendPermitPolicy.Admissible.class);
    }

    // ---------------------------------------------------------------- operator caps

    @Test
    @DisplayName("Consumer protection: the operator's default cap holds unless the person chose fewer")
    void the_effective_cap_is_the_tighter_of_the_operators_and_the_persons_per_window() {
        SendPermitPolicy operatorCaps = new SendPermitPolicy(SendRules.DEFAULT.withMarketingCap(ContactChannel.SMS,
                new FrequencyCap(Optional.of(4), Optional.empty(), Optional.of(1))));

        // no choice of their own: the operator's month and day
        assertThat(limits(operatorCaps, sms, Preferences.none(), ContactChannel.SMS)).containsExactly(
                new PeriodLimit(FrequencyWindow.MONTH, "M2026-11", 4), new PeriodLimit(FrequencyWindow.DAY, "D2026-11-03", 1));
        // two a month is fewer: the person's month, the operator's day
        assertThat(limits(operatorCaps, sms, twoSmsAMonth, ContactChannel.SMS)).containsExactly(
                new PeriodLimit(FrequencyWindow.MONTH, "M2026-11", 2), new PeriodLimit(FrequencyWindow.DAY, "D2026-11-03", 1));
        // asking for more than the operator allows gets the operator's; a week only the person caps stays theirs
        Preferences generous = new Preferences(Map.of(), Map.of(ContactChannel.SMS, ChannelPreference.enabled(
                new FrequencyCap(Optional.of(30), Optional.of(3), Optional.of(5)))), Optional.empty(), Optional.empty());
        assertThat(limits(operatorCaps, sms, generous, ContactChannel.SMS)).containsExactly(
                new PeriodLimit(FrequencyWindow.MONTH, "M2026-11", 4), new PeriodLimit(FrequencyWindow.WEEK, "W2026-45", 3),
                new PeriodLimit(FrequencyWindow.DAY, "D2026-11-03", 1));
        // another channel is not capped by the operator's SMS default
        assertThat(limits(operatorCaps, sms, Preferences.none(), ContactChannel.EMAIL)).isEmpty();
    }

    @Test
    void operator_caps_are_for_marketing_only() {
        SendPermitPolicy operatorCaps = new SendPermitPolicy(SendRules.DEFAULT.withMarketingCap(ContactChannel.SMS, FrequencyCap.perMonth(1)));
        Purpose survey = aPurpose("satisfaction-survey").category(PurposeCategory.ANALYTICS).build();
        assertThat(limits(operatorCaps, survey, twoSmsAMonth, ContactChannel.SMS))
                .containsExactly(new PeriodLimit(FrequencyWindow.MONTH, "M2026-11", 2));
        Purpose delivery = aPurpose("delivery-notice").category(PurposeCategory.SERVICE).legalBasis(LegalBasis.CONTRACT).build();
        assertThat(operatorCaps.check(Decision.because(Reason.LEGAL_BASIS), delivery, Preferences.none(), ContactChannel.SMS,
                TUESDAY_11PM_BEIJING)).isEqualTo(new SendPermitPolicy.Admissible(List.of()));
    }

    @Test
    void a_tighter_cap_takes_the_smaller_maximum_of_each_window_either_caps() {
        FrequencyCap monthAndDay = new FrequencyCap(Optional.of(10), Optional.empty(), Optional.of(2));
        FrequencyCap monthAndWeek = new FrequencyCap(Optional.of(3), Optional.of(5), Optional.empty());
        assertThat(monthAndDay.tighter(monthAndWeek)).isEqualTo(new FrequencyCap(Optional.of(3), Optional.of(5), Optional.of(2)));
        assertThat(monthAndWeek.tighter(monthAndDay)).isEqualTo(monthAndDay.tighter(monthAndWeek));
        assertThat(FrequencyCap.NONE.tighter(monthAndDay)).isEqualTo(monthAndDay);
        assertThat(monthAndDay.tighter(FrequencyCap.NONE)).isEqualTo(monthAndDay);
    }

    private static List<PeriodLimit> limits(SendPermitPolicy policy, Purpose purpose, Preferences preferences, ContactChannel channel) {
        SendPermitPolicy.Check check = policy.check(Decision.because(Reason.GRANTED), purpose, preferences, channel, TUESDAY_10AM_BEIJING);
        return ((SendPermitPolicy.Admissible) check).limits();
    }

    private static Instant beijing(String localDateTime) {
        return at(localDateTime, ChinaTime.ZONE);
    }

    private static Instant at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }
}
