package org.opencpm.domain.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.domain.Fixtures.DAY_ONE;
import static org.opencpm.domain.Fixtures.PHONE;
import static org.opencpm.domain.Fixtures.aChild;
import static org.opencpm.domain.Fixtures.aPurpose;
import static org.opencpm.domain.Fixtures.anAdult;
import static org.opencpm.domain.Fixtures.checkbox;
import static org.opencpm.domain.Fixtures.marketingSms;
import static org.opencpm.domain.Fixtures.privacyPolicy;
import static org.opencpm.domain.Fixtures.request;
import static org.opencpm.domain.Fixtures.sensitiveHealth;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.GuardianPolicy;
import org.opencpm.domain.subject.Subject;

/** The event with the latest {@code occurredAt} is in force, whatever order events arrive in. */
class EventOrderTest {

    private static final Instant NOW = DAY_ONE.plus(Duration.ofDays(3));

    private final Purpose sms = marketingSms();
    private final Purpose health = sensitiveHealth();
    private final Notice policy = privacyPolicy(sms, health);

    /** A subject's consents as events arrive, one after another. */
    private final class Arrivals {
        Subject subject;
        final Map<PurposeCode, Consent> consents = new HashMap<>();

        Arrivals(Subject subject) {
            this.subject = subject;
        }

        ConsentRecorded arrive(ConsentRequest request) {
            ConsentRecorder.Recording recording = ConsentRecorder.record(request, subject, consents, NOW);
            subject = recording.subject();
            recording.consents().forEach(c -> consents.put(c.purpose(), c));
            return recording.events().get(0);
        }

        Consent sms() {
            return consents.get(sms.code());
        }
    }

    private static Instant day(int hours) {
        return DAY_ONE.plus(Duration.ofHours(hours));
    }

    @Test
    @DisplayName("PIPL Art. 15: a grant older than a withdrawal, arriving after it, does not grant again")
    void a_past_grant_arriving_after_a_withdrawal_changes_nothing() {
        Arrivals person = new Arrivals(anAdult());
        person.arrive(request(ConsentAction.GRANT, policy, day(1), sms));
        person.arrive(request(ConsentAction.WITHDRAW, null, day(3), sms));
        Consent withdrawn = person.sms();

        ConsentRecorded late = person.arrive(request(ConsentAction.GRANT, policy, day(2), sms));

        assertThat(person.sms()).isSameAs(withdrawn);
        assertThat(person.sms().stateAt(NOW)).isEqualTo(ConsentState.WITHDRAWN);
        assertThat(late.current()).isFalse();
        assertThat(late.lateBehind()).contains(day(3));
        assertThat(late.action()).isEqualTo(ConsentAction.GRANT);
        assertThat(late.state()).isEqualTo(ConsentState.WITHDRAWN);
        assertThat(late.previous()).contains(ConsentState.WITHDRAWN);
        assertThat(late.erasureDue()).isFalse();
        assertThat(late.version()).isEqualTo(3);
    }

    @Test
    void a_past_withdrawal_arriving_after_a_newer_grant_changes_nothing() {
        Arrivals person = new Arrivals(anAdult());
        person.arrive(request(ConsentAction.GRANT, policy, day(5), sms));
        Consent granted = person.sms();

        ConsentRecorded late = person.arrive(request(ConsentAction.WITHDRAW, null, day(4), sms));

        assertThat(person.sms()).isSameAs(granted);
        assertThat(late.current()).isFalse();
        assertThat(late.state()).isEqualTo(ConsentState.GRANTED);
    }

    @Test
    void between_equal_instants_the_one_recorded_later_is_in_force() {
        Arrivals person = new Arrivals(anAdult());
        person.arrive(request(ConsentAction.GRANT, policy, day(1), sms));
        ConsentRecorded same = person.arrive(request(ConsentAction.WITHDRAW, null, day(1), sms));

        assertThat(same.current()).isTrue();
        assertThat(person.sms().state()).isEqualTo(ConsentState.WITHDRAWN);
    }

    @Test
    void instants_count_to_the_millisecond_as_every_database_stores_them() {
        Arrivals person = new Arrivals(anAdult());
        person.arrive(request(ConsentAction.GRANT, policy, day(1).plusNanos(900_000), sms));
        ConsentRecorded sameMillisecond = person.arrive(request(ConsentAction.WITHDRAW, null, day(1).plusNanos(100_000), sms));

        assertThat(sameMillisecond.current()).isTrue();
        assertThat(person.sms().changedAt()).isEqualTo(day(1));
    }

    @Test
    void a_late_event_is_not_judged_by_the_state_machine_from_the_state_in_force() {
        Purpose newsletter = aPurpose("newsletter").doubleOptIn(true).build();
        Arrivals person = new Arrivals(anAdult());
        person.arrive(request(ConsentAction.WITHDRAW, null, day(5), newsletter));

        // A confirmation from a withdrawn state would be illegal; older than the withdrawal, it is
        // only history.
        ConsentRecorded late = person.arrive(request(ConsentAction.CONFIRM, null, day(2), newsletter));

        assertThat(late.current()).isFalse();
        assertThat(person.consents.get(newsletter.code()).state()).isEqualTo(ConsentState.WITHDRAWN);
    }

    @Test
    void a_late_grant_must_still_be_a_valid_grant() {
        Arrivals person = new Arrivals(anAdult());
        person.arrive(request(ConsentAction.WITHDRAW, null, day(5), sms, health));

        assertThatThrownBy(() -> person.arrive(request(ConsentAction.GRANT, null, day(2), sms)))
                .isInstanceOf(ConsentRecorder.NoticeRequiredException.class);
        assertThatThrownBy(() -> person.arrive(request(ConsentAction.GRANT, policy, day(2), sms, health)))
                .isInstanceOf(SeparateConsentPolicy.BundledConsentException.class);

        Arrivals child = new Arrivals(aChild());
        child.arrive(request(ConsentAction.WITHDRAW, null, day(5), sms));
        assertThatThrownBy(() -> child.arrive(request(ConsentAction.GRANT, policy, day(2), sms)))
                .isInstanceOf(GuardianPolicy.GuardianRequiredException.class);
    }

    @Test
    void a_bundled_event_is_late_for_one_purpose_and_in_force_for_another() {
        Purpose email = aPurpose("marketing-email").build();
        Arrivals person = new Arrivals(anAdult());
        person.arrive(request(ConsentAction.GRANT, privacyPolicy(sms, email), day(5), sms));

        ConsentRecorder.Recording both = ConsentRecorder.record(new ConsentRequest(ConsentAction.WITHDRAW, List.of(sms, email),
                Optional.empty(), Optional.empty(), checkbox(), Optional.empty(), Set.of(PHONE), day(2)),
                person.subject, person.consents, NOW);

        assertThat(both.events()).extracting(ConsentRecorded::current).containsExactly(false, true);
        assertThat(both.consents()).extracting(Consent::state).containsExactly(ConsentState.GRANTED, ConsentState.WITHDRAWN);
    }

    @Test
    @DisplayName("PIPL Art. 15, 47: a denial newer than a grant ends it, erasure due")
    void a_denial_newer_than_a_grant_ends_it() {
        Arrivals person = new Arrivals(anAdult());
        person.arrive(request(ConsentAction.GRANT, policy, day(1), sms));
        ConsentRecorded denial = person.arrive(request(ConsentAction.DENY, null, day(2), sms));

        assertThat(person.sms().state()).isEqualTo(ConsentState.DENIED);
        assertThat(denial.previous()).contains(ConsentState.GRANTED);
        assertThat(denial.erasureDue()).isTrue();
    }

    @Test
    void an_event_before_the_year_2000_is_refused() {
        Arrivals person = new Arrivals(anAdult());
        assertThatThrownBy(() -> person.arrive(request(ConsentAction.WITHDRAW, null, Instant.parse("1999-12-31T23:59:59.999Z"), sms)))
                .isInstanceOf(ConsentRecorder.OccurredTooEarlyException.class)
                .extracting("code").isEqualTo("occurred-too-early");
        assertThatThrownBy(() -> person.arrive(request(ConsentAction.WITHDRAW, null, Instant.EPOCH, sms)))
                .isInstanceOf(ConsentRecorder.OccurredTooEarlyException.class);
        assertThat(person.arrive(request(ConsentAction.WITHDRAW, null, ConsentRecorder.EARLIEST, sms)).current()).isTrue();
    }

    @Test
    void an_event_more_than_five_minutes_ahead_is_refused_and_one_within_is_in_force() {
        Arrivals person = new Arrivals(anAdult());
        assertThatThrownBy(() -> person.arrive(request(ConsentAction.WITHDRAW, null, NOW.plus(Duration.ofMinutes(10)), sms)))
                .isInstanceOf(ConsentRecorder.OccurredInFutureException.class);
        assertThatThrownBy(() -> person.arrive(request(ConsentAction.WITHDRAW, null, Instant.parse("+10000-01-01T00:00:00Z"), sms)))
                .isInstanceOf(ConsentRecorder.OccurredInFutureException.class);
        assertThat(person.arrive(request(ConsentAction.WITHDRAW, null, NOW.plus(Duration.ofMinutes(5)), sms)).current()).isTrue();
    }

    @Test
    @DisplayName("PIPL Art. 15: a time a little ahead is taken as the time of recording, so it cannot outrank a withdrawal made after it")
    void a_time_a_little_ahead_is_taken_as_now() {
        ConsentRecorder.Recording grant = ConsentRecorder.record(
                request(ConsentAction.GRANT, policy, NOW.plus(Duration.ofMinutes(4)), sms), anAdult(), Map.of(), NOW);
        Consent granted = grant.consents().get(0);
        assertThat(granted.changedAt()).isEqualTo(NOW);
        assertThat(grant.events().get(0).occurredAt()).isEqualTo(NOW);
        assertThat(grant.events().get(0).claimedOccurredAt()).contains(NOW.plus(Duration.ofMinutes(4)));

        Instant minuteLater = NOW.plus(Duration.ofMinutes(1));
        ConsentRecorder.Recording withdrawal = ConsentRecorder.record(request(ConsentAction.WITHDRAW, null, minuteLater, sms),
                grant.subject(), Map.of(sms.code(), granted), minuteLater);
        assertThat(withdrawal.events().get(0).current()).isTrue();
        assertThat(withdrawal.events().get(0).claimedOccurredAt()).isEmpty();
        assertThat(withdrawal.consents().get(0).state()).isEqualTo(ConsentState.WITHDRAWN);
    }

    @Test
    void a_consent_cannot_be_moved_back_by_an_older_event() {
        Arrivals person = new Arrivals(anAdult());
        person.arrive(request(ConsentAction.GRANT, policy, day(5), sms));
        Consent.EventFacts older = new Consent.EventFacts(day(4), checkbox(), Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> person.sms().then(sms, ConsentAction.WITHDRAW, older, 9))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("older");
    }
}
