package org.opencpm.domain.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.domain.Fixtures.DAY_ONE;
import static org.opencpm.domain.Fixtures.PHONE;
import static org.opencpm.domain.Fixtures.aChild;
import static org.opencpm.domain.Fixtures.aParent;
import static org.opencpm.domain.Fixtures.aPurpose;
import static org.opencpm.domain.Fixtures.anAdult;
import static org.opencpm.domain.Fixtures.checkbox;
import static org.opencpm.domain.Fixtures.grantedConsent;
import static org.opencpm.domain.Fixtures.historyOf;
import static org.opencpm.domain.Fixtures.marketingSms;
import static org.opencpm.domain.Fixtures.notice;
import static org.opencpm.domain.Fixtures.privacyPolicy;
import static org.opencpm.domain.Fixtures.record;
import static org.opencpm.domain.Fixtures.request;
import static org.opencpm.domain.Fixtures.sensitiveHealth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.domain.DomainException;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.notice.NoticeCoveragePolicy;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.subject.GuardianPolicy;
import org.opencpm.domain.subject.GuardianRelation;
import org.opencpm.domain.subject.Subject;

class ConsentRecorderTest {

    private final Purpose sms = marketingSms();
    private final Purpose health = sensitiveHealth();
    private final Notice policy = privacyPolicy(sms, health);
    private final Subject adult = anAdult();

    @Test
    void a_grant_records_the_notice_version_and_hash_it_was_given_on() {
        ConsentRecorder.Recording recording = record(request(ConsentAction.GRANT, policy, DAY_ONE, sms), adult);

        Consent consent = recording.consents().get(0);
        assertThat(consent.state()).isEqualTo(ConsentState.GRANTED);
        assertThat(consent.notice()).contains(NoticeStamp.of(policy));
        assertThat(consent.grantedAt()).contains(DAY_ONE);
        assertThat(consent.channel()).isEqualTo(CollectionChannel.MINIPROGRAM);
        ConsentRecorded event = recording.events().get(0);
        assertThat(event.previous()).isEmpty();
        assertThat(event.notice().orElseThrow().contentHash()).isEqualTo(policy.contentHash());
    }

    @Test
    void each_changed_purpose_advances_the_subject_version_by_one() {
        Purpose email = aPurpose("marketing-email").build();
        Notice both = privacyPolicy(sms, email);
        ConsentRecorder.Recording recording = record(request(ConsentAction.GRANT, both, DAY_ONE, sms, email), adult);
        assertThat(recording.events()).extracting(ConsentRecorded::version).containsExactly(1L, 2L);
        assertThat(recording.subject().version()).isEqualTo(2);

        ConsentRecorder.Recording withdrawal = ConsentRecorder.record(request(ConsentAction.WITHDRAW, null, DAY_ONE.plusSeconds(5), sms),
                recording.subject(), Map.of(sms.code(), recording.consents().get(0)), DAY_ONE.plusSeconds(5));
        assertThat(withdrawal.events().get(0).version()).isEqualTo(3);
    }

    @Test
    @DisplayName("PIPL Art. 14, 17: a grant must reference a published notice")
    void a_grant_without_a_notice_is_refused() {
        assertThatThrownBy(() -> record(request(ConsentAction.GRANT, null, DAY_ONE, sms), adult))
                .isInstanceOf(ConsentRecorder.NoticeRequiredException.class);
    }

    @Test
    @DisplayName("PIPL Art. 14, 17: a grant on a notice that does not cover the purpose is refused")
    void a_grant_on_a_notice_that_does_not_cover_the_purpose_is_refused() {
        Notice onlySms = privacyPolicy(sms);
        assertThatThrownBy(() -> record(request(ConsentAction.GRANT, onlySms, DAY_ONE, health), adult))
                .isInstanceOf(NoticeCoveragePolicy.NoticeDoesNotCoverPurposeException.class);
    }

    @Test
    void a_grant_on_a_version_superseded_before_it_happened_is_refused() {
        Notice v1 = notice("privacy-policy", "v1", 1, DAY_ONE.minus(Duration.ofDays(30)), false, sms);
        Notice v2 = notice("privacy-policy", "v2", 2, DAY_ONE.minus(Duration.ofDays(1)), true, sms);
        ConsentRequest onV1 = new ConsentRequest(ConsentAction.GRANT, List.of(sms), Optional.of(v1),
                Optional.of(historyOf(v1, v2)), checkbox(), Optional.empty(), Set.of(PHONE), DAY_ONE);
        assertThatThrownBy(() -> record(onV1, adult)).isInstanceOf(NoticeCoveragePolicy.NoticeSupersededException.class);
    }

    @Test
    @DisplayName("PIPL Art. 16: the recorder refuses a bundled grant that includes a separate-consent purpose")
    void bundled_grant_cannot_include_a_separate_consent_purpose() {
        assertThatThrownBy(() -> record(request(ConsentAction.GRANT, policy, DAY_ONE, sms, health), adult))
                .isInstanceOf(SeparateConsentPolicy.BundledConsentException.class);
    }

    @Test
    void a_separate_grant_by_an_implied_act_is_refused() {
        ConsentRequest implied = new ConsentRequest(ConsentAction.GRANT, List.of(health), Optional.of(policy),
                Optional.of(historyOf(policy)), Evidence.of(CollectionChannel.WEB, ConsentMethod.IMPLIED),
                Optional.empty(), Set.of(PHONE), DAY_ONE);
        assertThatThrownBy(() -> record(implied, adult)).isInstanceOf(SeparateConsentPolicy.ExplicitConsentRequiredException.class);
    }

    @Test
    @DisplayName("PIPL Art. 15: withdrawing may be bundled, even for separate-consent purposes")
    void withdrawals_may_be_bundled() {
        ConsentRecorder.Recording recording = record(request(ConsentAction.WITHDRAW, null, DAY_ONE, sms, health), adult);
        assertThat(recording.consents()).extracting(Consent::state).containsOnly(ConsentState.WITHDRAWN);
    }

    @Test
    @DisplayName("PIPL Art. 31: the recorder refuses a minor's grant without a guardian and accepts it with one")
    void a_minors_grant_needs_a_guardian() {
        Subject child = aChild();
        assertThatThrownBy(() -> record(request(ConsentAction.GRANT, policy, DAY_ONE, sms), child))
                .isInstanceOf(GuardianPolicy.GuardianRequiredException.class);

        ConsentRequest withParent = new ConsentRequest(ConsentAction.GRANT, List.of(sms), Optional.of(policy),
                Optional.of(historyOf(policy)), checkbox(), Optional.of(aParent()), Set.of(PHONE), DAY_ONE);
        Consent consent = record(withParent, child).consents().get(0);
        assertThat(consent.guardian()).contains(GuardianRelation.PARENT);
        assertThat(consent.grantedByGuardian()).isTrue();
    }

    @Test
    void a_minor_may_withdraw_without_a_guardian() {
        assertThat(record(request(ConsentAction.WITHDRAW, null, DAY_ONE, sms), aChild()).consents().get(0).state())
                .isEqualTo(ConsentState.WITHDRAWN);
    }

    @Test
    @DisplayName("PIPL Art. 15, 47: withdrawal keeps the earlier grant in view and says erasure is due")
    void withdrawing_a_grant_keeps_when_it_was_given_and_marks_erasure_due() {
        Consent granted = grantedConsent(adult, sms, policy, DAY_ONE);
        Instant later = DAY_ONE.plus(Duration.ofDays(3));
        ConsentRecorder.Recording recording = ConsentRecorder.record(request(ConsentAction.WITHDRAW, null, later, sms),
                adult.advanced(), Map.of(sms.code(), granted), later);

        Consent withdrawn = recording.consents().get(0);
        assertThat(withdrawn.state()).isEqualTo(ConsentState.WITHDRAWN);
        assertThat(withdrawn.grantedAt()).contains(DAY_ONE);
        assertThat(withdrawn.notice()).contains(NoticeStamp.of(policy));
        assertThat(recording.events().get(0).previous()).contains(ConsentState.GRANTED);
        assertThat(recording.events().get(0).erasureDue()).isTrue();
    }

    @Test
    void withdrawing_what_was_never_granted_owes_no_erasure() {
        assertThat(record(request(ConsentAction.WITHDRAW, null, DAY_ONE, sms), adult).events().get(0).erasureDue()).isFalse();
    }

    @Test
    void a_grant_lapses_after_the_purposes_validity() {
        Purpose yearly = aPurpose("yearly").validityDays(365).build();
        Consent consent = grantedConsent(adult, yearly, privacyPolicy(yearly), DAY_ONE);
        Instant lapse = DAY_ONE.plus(Duration.ofDays(365));
        assertThat(consent.expiresAt()).contains(lapse);
        assertThat(consent.stateAt(lapse.minusMillis(1))).isEqualTo(ConsentState.GRANTED);
        assertThat(consent.stateAt(lapse)).isEqualTo(ConsentState.EXPIRED);
    }

    @Test
    @DisplayName("PIPL Art. 15, 47: a lapsed grant is recorded as expired at its expiresAt, ending the grant with erasure due")
    void a_lapsed_grant_is_recorded_as_expired_when_it_lapsed() {
        Purpose yearly = aPurpose("yearly").validityDays(365).build();
        Consent granted = grantedConsent(adult, yearly, privacyPolicy(yearly), DAY_ONE);
        Instant lapse = DAY_ONE.plus(Duration.ofDays(365));
        Instant run = lapse.plus(Duration.ofDays(2));

        ConsentRecorder.Recording recording = ConsentRecorder.expire(adult.advanced(), yearly, Map.of(yearly.code(), granted), run)
                .orElseThrow();

        ConsentRecorded event = recording.events().get(0);
        assertThat(event.action()).isEqualTo(ConsentAction.EXPIRE);
        assertThat(event.occurredAt()).isEqualTo(lapse);
        assertThat(event.previous()).contains(ConsentState.GRANTED);
        assertThat(event.state()).isEqualTo(ConsentState.EXPIRED);
        assertThat(event.current()).isTrue();
        assertThat(event.erasureDue()).isTrue();
        assertThat(event.evidence()).isEqualTo(Evidence.of(granted.channel(), granted.method()));
        Consent expired = recording.consents().get(0);
        assertThat(expired.state()).isEqualTo(ConsentState.EXPIRED);
        assertThat(expired.changedAt()).isEqualTo(lapse);
        assertThat(expired.expiresAt()).isEmpty();
        assertThat(expired.grantedAt()).contains(DAY_ONE);
        assertThat(expired.version()).isGreaterThan(granted.version());
    }

    @Test
    void only_a_recorded_grant_past_its_expiry_is_expired() {
        Purpose yearly = aPurpose("yearly").validityDays(365).build();
        Consent granted = grantedConsent(adult, yearly, privacyPolicy(yearly), DAY_ONE);
        Instant lapse = DAY_ONE.plus(Duration.ofDays(365));
        Subject subject = adult.advanced();

        assertThat(ConsentRecorder.expire(subject, yearly, Map.of(yearly.code(), granted), lapse.minusMillis(1))).isEmpty();
        assertThat(ConsentRecorder.expire(subject, yearly, Map.of(yearly.code(), granted), lapse)).isPresent();
        assertThat(ConsentRecorder.expire(subject, yearly, Map.of(), lapse)).isEmpty();
        Purpose forever = aPurpose("forever").build();
        Consent unlimited = grantedConsent(adult, forever, privacyPolicy(forever), DAY_ONE);
        assertThat(ConsentRecorder.expire(subject, forever, Map.of(forever.code(), unlimited), lapse.plus(Duration.ofDays(3650)))).isEmpty();
        Consent withdrawn = ConsentRecorder.record(request(ConsentAction.WITHDRAW, null, lapse.plusSeconds(1), yearly), subject,
                Map.of(yearly.code(), granted), lapse.plusSeconds(1)).consents().get(0);
        assertThat(ConsentRecorder.expire(subject.advanced(), yearly, Map.of(yearly.code(), withdrawn), lapse.plus(Duration.ofDays(1))))
                .isEmpty();
    }

    @Test
    @DisplayName("ADR 0005: a grant renewed after the old one lapsed is in force, and is not expired by the old expiry")
    void a_renewed_grant_is_not_expired_by_the_lapse_of_the_old_one() {
        Purpose yearly = aPurpose("yearly").validityDays(365).build();
        Notice yearlyPolicy = privacyPolicy(yearly);
        Consent granted = grantedConsent(adult, yearly, yearlyPolicy, DAY_ONE);
        Instant lapse = DAY_ONE.plus(Duration.ofDays(365));
        Instant renewal = lapse.plus(Duration.ofDays(1));
        ConsentRequest renew = new ConsentRequest(ConsentAction.GRANT, List.of(yearly), Optional.of(yearlyPolicy),
                Optional.of(historyOf(yearlyPolicy)), checkbox(), Optional.empty(), Set.of(PHONE), renewal);
        Consent renewed = ConsentRecorder.record(renew, adult.advanced(), Map.of(yearly.code(), granted), renewal).consents().get(0);

        assertThat(ConsentRecorder.expire(adult.advanced().advanced(), yearly, Map.of(yearly.code(), renewed), renewal.plusSeconds(60)))
                .isEmpty();
    }

    @Test
    void double_opt_in_keeps_a_grant_pending_until_confirmed() {
        Purpose email = aPurpose("newsletter").doubleOptIn(true).build();
        Notice notice = privacyPolicy(email);
        ConsentRecorder.Recording granted = record(request(ConsentAction.GRANT, notice, DAY_ONE, email), adult);
        assertThat(granted.consents().get(0).state()).isEqualTo(ConsentState.PENDING);

        Instant click = DAY_ONE.plusSeconds(600);
        ConsentRecorder.Recording confirmed = ConsentRecorder.record(request(ConsentAction.CONFIRM, null, click, email),
                granted.subject(), Map.of(email.code(), granted.consents().get(0)), click);
        Consent consent = confirmed.consents().get(0);
        assertThat(consent.state()).isEqualTo(ConsentState.GRANTED);
        assertThat(consent.grantedAt()).contains(click);
        assertThat(consent.notice()).contains(NoticeStamp.of(notice));
    }

    @Test
    void an_event_from_the_future_is_refused() {
        Instant now = DAY_ONE;
        ConsentRequest tomorrow = request(ConsentAction.GRANT, policy, now.plus(Duration.ofDays(1)), sms);
        assertThatThrownBy(() -> ConsentRecorder.record(tomorrow, adult, Map.of(), now))
                .isInstanceOf(ConsentRecorder.OccurredInFutureException.class);
        ConsentRequest slightlyAhead = request(ConsentAction.GRANT, policy, now.plusSeconds(60), sms);
        assertThat(ConsentRecorder.record(slightlyAhead, adult, Map.of(), now).consents()).hasSize(1);
    }

    @Test
    void an_illegal_step_records_nothing() {
        Consent granted = grantedConsent(adult, sms, policy, DAY_ONE);
        assertThatThrownBy(() -> ConsentRecorder.record(request(ConsentAction.CONFIRM, null, DAY_ONE.plusSeconds(1), sms),
                adult.advanced(), Map.of(sms.code(), granted), DAY_ONE.plusSeconds(1)))
                .isInstanceOf(IllegalConsentTransitionException.class)
                .isInstanceOf(DomainException.class);
    }

    @Test
    void every_refusal_names_a_stable_rule_code() {
        assertThatThrownBy(() -> record(request(ConsentAction.CONFIRM, null, DAY_ONE, sms), adult))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("consent-transition-not-allowed");
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.RULE_VIOLATION);
                });
    }
}
