package org.opencpm.domain.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.domain.Fixtures.DAY_ONE;
import static org.opencpm.domain.Fixtures.aPurpose;
import static org.opencpm.domain.Fixtures.anAdult;
import static org.opencpm.domain.Fixtures.grantedConsent;
import static org.opencpm.domain.Fixtures.privacyPolicy;
import static org.opencpm.domain.Fixtures.request;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.domain.purpose.LegalBasis;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.Subject;

class RetentionPolicyTest {

    private final Subject adult = anAdult();
    private final Purpose sms = aPurpose("marketing-sms").retentionDays(30).build();
    private final Purpose recs = aPurpose("recs").retentionDays(90).build();
    private final Purpose forever = aPurpose("forever").build();
    private final Purpose yearly = aPurpose("yearly").retentionDays(10).validityDays(365).build();
    private final Purpose delivery = aPurpose("delivery").legalBasis(LegalBasis.CONTRACT).necessary(true).retentionDays(1).build();
    private final Map<PurposeCode, Purpose> catalogue = Map.of(sms.code(), sms, recs.code(), recs, forever.code(), forever,
            yearly.code(), yearly, delivery.code(), delivery);

    private Consent granted(Purpose purpose) {
        return grantedConsent(adult, purpose, privacyPolicy(purpose), DAY_ONE);
    }

    private Consent withdrawn(Purpose purpose, Instant at) {
        return ConsentRecorder.record(request(ConsentAction.WITHDRAW, null, at, purpose), adult.advanced(),
                Map.of(purpose.code(), granted(purpose)), at).consents().get(0);
    }

    private Optional<Instant> due(Instant now, Consent... consents) {
        Map<PurposeCode, Consent> byPurpose = new java.util.HashMap<>();
        for (Consent c : consents) {
            byPurpose.put(c.purpose(), c);
        }
        return RetentionPolicy.erasureDueSince(byPurpose, catalogue, now);
    }

    @Test
    @DisplayName("PIPL Art. 19, 47: once every consent ended and the longest retention after it ran out, the person is erasure-due")
    void due_when_the_longest_retention_after_the_ends_ran_out() {
        Instant smsEnded = DAY_ONE.plus(Duration.ofDays(5));
        Instant recsEnded = DAY_ONE.plus(Duration.ofDays(2));
        Consent a = withdrawn(sms, smsEnded);
        Consent b = withdrawn(recs, recsEnded);
        Instant dueSince = recsEnded.plus(Duration.ofDays(90)); // later than sms's 30 days after its end

        assertThat(due(dueSince.minusMillis(1), a, b)).isEmpty();
        assertThat(due(dueSince, a, b)).contains(dueSince);
        assertThat(due(dueSince.plus(Duration.ofDays(400)), a, b)).contains(dueSince);
    }

    @Test
    void a_consent_in_force_keeps_the_person() {
        Consent ended = withdrawn(sms, DAY_ONE.plus(Duration.ofDays(1)));
        assertThat(due(DAY_ONE.plus(Duration.ofDays(3650)), ended, granted(recs))).isEmpty();
    }

    @Test
    void a_grant_past_its_validity_ended_when_it_lapsed_recorded_or_not() {
        Consent lapsed = granted(yearly);
        Instant lapse = DAY_ONE.plus(Duration.ofDays(365));
        assertThat(due(lapse.plus(Duration.ofDays(10)).minusMillis(1), lapsed)).isEmpty();
        assertThat(due(lapse.plus(Duration.ofDays(10)), lapsed)).contains(lapse.plus(Duration.ofDays(10)));
    }

    @Test
    @DisplayName("PIPL Art. 13: a purpose on another lawful basis keeps the person, whatever became of their consents")
    void a_purpose_on_another_lawful_basis_keeps_the_person() {
        Consent ended = withdrawn(sms, DAY_ONE.plus(Duration.ofDays(1)));
        Consent onContract = withdrawn(delivery, DAY_ONE.plus(Duration.ofDays(1)));
        assertThat(due(DAY_ONE.plus(Duration.ofDays(3650)), ended, onContract)).isEmpty();
    }

    @Test
    void a_purpose_without_retention_or_undefined_never_makes_anyone_due_and_nor_does_having_no_consent() {
        Instant later = DAY_ONE.plus(Duration.ofDays(3650));
        assertThat(due(later, withdrawn(sms, DAY_ONE), withdrawn(forever, DAY_ONE))).isEmpty();
        Purpose gone = aPurpose("gone").retentionDays(1).build();
        assertThat(due(later, withdrawn(sms, DAY_ONE), withdrawn(gone, DAY_ONE))).isEmpty();
        assertThat(due(later)).isEmpty();
    }
}
