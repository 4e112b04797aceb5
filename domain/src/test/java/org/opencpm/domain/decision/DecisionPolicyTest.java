package org.opencpm.domain.decision;

import static org.assertj.core.api.Assertions.assertThat;
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
import static org.opencpm.domain.Fixtures.request;
import static org.opencpm.domain.Fixtures.sharingWithPartner;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.consent.ConsentAction;
import org.opencpm.domain.consent.ConsentRecorder;
import org.opencpm.domain.consent.ConsentRequest;
import org.opencpm.domain.notice.MaterialChanges;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.preference.ChannelPreference;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.LegalBasis;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCategory;
import org.opencpm.domain.subject.Subject;

class DecisionPolicyTest {

    private final Purpose sms = marketingSms();
    private final Notice policy = privacyPolicy(sms);
    private final Subject adult = anAdult();
    private final Instant now = DAY_ONE.plus(Duration.ofHours(1));

    private Decision decide(Purpose purpose, Optional<Consent> consent, Preferences preferences, UsageRequest request) {
        return DecisionPolicy.decide(purpose, consent, false, preferences, MaterialChanges.of(List.of(policy)), request, now);
    }

    private Consent grantedSms() {
        return grantedConsent(adult, sms, policy, DAY_ONE);
    }

    private Consent after(Consent consent, ConsentAction action, Instant at) {
        return ConsentRecorder.record(request(action, null, at, sms), adult.advanced(), Map.of(sms.code(), consent), at)
                .consents().get(0);
    }

    @Test
    void a_consent_in_force_allows_the_use() {
        assertThat(decide(sms, Optional.of(grantedSms()), Preferences.none(), UsageRequest.on(ContactChannel.SMS)))
                .isEqualTo(new Decision(true, Reason.GRANTED));
    }

    @Test
    void no_recorded_consent_means_no() {
        assertThat(decide(sms, Optional.empty(), Preferences.none(), UsageRequest.ANY).reason()).isEqualTo(Reason.NO_CONSENT);
    }

    @Test
    @DisplayName("PIPL Art. 15: after withdrawal the decision is no, with reason withdrawn")
    void withdrawal_flips_the_decision() {
        Consent withdrawn = after(grantedSms(), ConsentAction.WITHDRAW, DAY_ONE.plusSeconds(30));
        assertThat(decide(sms, Optional.of(withdrawn), Preferences.none(), UsageRequest.ANY))
                .isEqualTo(new Decision(false, Reason.WITHDRAWN));
    }

    @Test
    @DisplayName("PIPL Art. 24: personalised recommendation can be refused, and then is not used")
    void a_withdrawn_personalization_consent_stops_personalised_use() {
        Purpose personalization = aPurpose("personalized-recs").category(PurposeCategory.PERSONALIZATION).build();
        Notice notice = privacyPolicy(personalization);
        Consent granted = grantedConsent(adult, personalization, notice, DAY_ONE);
        Consent withdrawn = ConsentRecorder.record(request(ConsentAction.WITHDRAW, null, DAY_ONE.plusSeconds(1), personalization),
                adult.advanced(), Map.of(personalization.code(), granted), DAY_ONE.plusSeconds(1)).consents().get(0);
        assertThat(DecisionPolicy.decide(personalization, Optional.of(withdrawn), false, Preferences.none(),
                MaterialChanges.none(), UsageRequest.ANY, now).reason()).isEqualTo(Reason.WITHDRAWN);
    }

    @Test
    void a_denied_or_pending_consent_does_not_allow() {
        assertThat(decide(sms, Optional.of(ConsentRecorder.record(request(ConsentAction.DENY, null, DAY_ONE, sms), adult, Map.of(), DAY_ONE)
                .consents().get(0)), Preferences.none(), UsageRequest.ANY).reason()).isEqualTo(Reason.DENIED);

        Purpose doi = aPurpose("newsletter").doubleOptIn(true).build();
        Notice notice = privacyPolicy(doi);
        Consent pending = grantedConsent(adult, doi, notice, DAY_ONE);
        assertThat(DecisionPolicy.decide(doi, Optional.of(pending), false, Preferences.none(), MaterialChanges.none(),
                UsageRequest.ANY, now).reason()).isEqualTo(Reason.PENDING_CONFIRMATION);
    }

    @Test
    void a_grant_past_its_validity_is_expired_at_decision_time() {
        Purpose monthly = aPurpose("monthly").validityDays(30).build();
        Notice notice = privacyPolicy(monthly);
        Consent consent = grantedConsent(adult, monthly, notice, DAY_ONE);
        Decision inTime = DecisionPolicy.decide(monthly, Optional.of(consent), false, Preferences.none(), MaterialChanges.none(),
                UsageRequest.ANY, DAY_ONE.plus(Duration.ofDays(29)));
        Decision late = DecisionPolicy.decide(monthly, Optional.of(consent), false, Preferences.none(), MaterialChanges.none(),
                UsageRequest.ANY, DAY_ONE.plus(Duration.ofDays(30)));
        assertThat(inTime.allowed()).isTrue();
        assertThat(late.reason()).isEqualTo(Reason.EXPIRED);
    }

    @Test
    @DisplayName("PIPL Art. 13: a purpose on another lawful basis is allowed without consent")
    void other_lawful_bases_do_not_ask_for_consent() {
        Purpose delivery = aPurpose("order-delivery").category(PurposeCategory.SERVICE).legalBasis(LegalBasis.CONTRACT).build();
        Preferences smsOff = new Preferences(Map.of(), Map.of(ContactChannel.SMS, ChannelPreference.disabled()), Optional.empty(), Optional.empty());
        assertThat(decide(delivery, Optional.empty(), smsOff, UsageRequest.on(ContactChannel.SMS)))
                .isEqualTo(new Decision(true, Reason.LEGAL_BASIS));
    }

    @Test
    @DisplayName("PIPL Art. 23: a recipient the consent did not name is denied")
    void a_recipient_not_named_by_the_purpose_is_not_covered() {
        Purpose sharing = sharingWithPartner();
        Notice notice = privacyPolicy(sharing);
        Consent consent = grantedConsent(adult, sharing, notice, DAY_ONE);
        MaterialChanges none = MaterialChanges.none();
        assertThat(DecisionPolicy.decide(sharing, Optional.of(consent), false, Preferences.none(), none,
                UsageRequest.ANY.forRecipient("partner co."), now).reason()).isEqualTo(Reason.GRANTED);
        assertThat(DecisionPolicy.decide(sharing, Optional.of(consent), false, Preferences.none(), none,
                UsageRequest.ANY.forRecipient("Data Broker Ltd"), now).reason()).isEqualTo(Reason.RECIPIENT_NOT_COVERED);
        assertThat(DecisionPolicy.decide(sharing, Optional.of(consent), false, Preferences.none(), none,
                UsageRequest.ANY, now).reason()).isEqualTo(Reason.RECIPIENT_NOT_COVERED);
    }

    @Test
    @DisplayName("PIPL Art. 14 ¶2: after a material notice change decisions deny until re-consent")
    void a_material_notice_change_outdates_the_consent_until_re_consent() {
        Consent onV1 = grantedSms();
        Notice v2 = notice("privacy-policy", "2026-06", 2, DAY_ONE.plusSeconds(60), true, sms);
        MaterialChanges changes = MaterialChanges.of(List.of(policy, v2));
        assertThat(DecisionPolicy.decide(sms, Optional.of(onV1), false, Preferences.none(), changes, UsageRequest.ANY, now).reason())
                .isEqualTo(Reason.NOTICE_OUTDATED);

        ConsentRequest reconsent = new ConsentRequest(ConsentAction.GRANT, List.of(sms), Optional.of(v2),
                Optional.of(historyOf(policy, v2)), checkbox(), Optional.empty(), Set.of(PHONE), now);
        Consent onV2 = ConsentRecorder.record(reconsent, adult.advanced(), Map.of(sms.code(), onV1), now).consents().get(0);
        assertThat(DecisionPolicy.decide(sms, Optional.of(onV2), false, Preferences.none(), changes, UsageRequest.ANY, now).allowed())
                .isTrue();
    }

    @Test
    @DisplayName("PIPL Art. 31: a minor's consent given without a guardian does not allow use")
    void a_grant_without_guardian_does_not_count_for_a_minor() {
        Consent byThemselves = grantedSms();
        assertThat(DecisionPolicy.decide(sms, Optional.of(byThemselves), true, Preferences.none(), MaterialChanges.none(),
                UsageRequest.ANY, now).reason()).isEqualTo(Reason.GUARDIAN_REQUIRED);

        ConsentRequest withParent = new ConsentRequest(ConsentAction.GRANT, List.of(sms), Optional.of(policy),
                Optional.of(historyOf(policy)), checkbox(), Optional.of(aParent()), Set.of(PHONE), DAY_ONE);
        Consent byParent = ConsentRecorder.record(withParent, aChild(), Map.of(), DAY_ONE).consents().get(0);
        assertThat(DecisionPolicy.decide(sms, Optional.of(byParent), true, Preferences.none(), MaterialChanges.none(),
                UsageRequest.ANY, now).allowed()).isTrue();
    }

    @Test
    void a_disabled_channel_or_topic_is_respected() {
        Preferences prefs = new Preferences(Map.of("promotions", false), Map.of(ContactChannel.PHONE, ChannelPreference.disabled()),
                Optional.empty(), Optional.empty());
        Optional<Consent> consent = Optional.of(grantedSms());
        assertThat(decide(sms, consent, prefs, UsageRequest.on(ContactChannel.PHONE)).reason()).isEqualTo(Reason.CHANNEL_DISABLED);
        assertThat(decide(sms, consent, prefs, UsageRequest.on(ContactChannel.SMS).aboutTopic("promotions")).reason())
                .isEqualTo(Reason.TOPIC_DISABLED);
        assertThat(decide(sms, consent, prefs, UsageRequest.on(ContactChannel.SMS).aboutTopic("new-products")).reason())
                .isEqualTo(Reason.GRANTED);
    }

    @Test
    void reason_codes_include_every_reason_of_the_api() {
        assertThat(List.of(Reason.values())).extracting(Reason::code).contains("granted", "no_consent", "withdrawn", "expired",
                "channel_disabled", "topic_disabled", "recipient_not_covered", "notice_outdated", "guardian_required",
                "unknown_subject", "frequency_cap", "quiet_hours");
    }
}
