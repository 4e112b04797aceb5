package org.opencpm.domain.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.domain.Fixtures.DAY_ONE;
import static org.opencpm.domain.Fixtures.PHONE;
import static org.opencpm.domain.Fixtures.anAdult;
import static org.opencpm.domain.Fixtures.historyOf;
import static org.opencpm.domain.Fixtures.marketingSms;
import static org.opencpm.domain.Fixtures.privacyPolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.consent.ConsentAction;
import org.opencpm.domain.consent.ConsentMethod;
import org.opencpm.domain.consent.ConsentRecorder;
import org.opencpm.domain.consent.ConsentRequest;
import org.opencpm.domain.consent.Evidence;
import org.opencpm.domain.notice.MaterialChanges;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.subject.Subject;

/** PIPL Art. 14: consent is a voluntary and explicit act; conduct from which consent is inferred is not one. */
class ExplicitActDecisionTest {

    private final Purpose sms = marketingSms();
    private final Notice policy = privacyPolicy(sms);
    private final Subject adult = anAdult();
    private final Instant now = DAY_ONE.plus(Duration.ofHours(1));

    private ConsentRequest grant(ConsentMethod method, Instant at) {
        return new ConsentRequest(ConsentAction.GRANT, List.of(sms), Optional.of(policy), Optional.of(historyOf(policy)),
                Evidence.of(CollectionChannel.MINIPROGRAM, method), Optional.empty(), Set.of(PHONE), at);
    }

    private Consent granted(ConsentMethod method) {
        return ConsentRecorder.record(grant(method, DAY_ONE), adult, Map.of(), DAY_ONE).consents().get(0);
    }

    private Decision decide(Consent consent) {
        return DecisionPolicy.decide(sms, Optional.of(consent), false, Preferences.none(), MaterialChanges.of(List.of(policy)),
                UsageRequest.ANY, now);
    }

    @Test
    @DisplayName("PIPL Art. 14: an implied grant is recorded but does not allow a use on the consent basis")
    void an_implied_grant_does_not_allow() {
        Consent implied = granted(ConsentMethod.IMPLIED);
        assertThat(implied.method()).isEqualTo(ConsentMethod.IMPLIED);
        assertThat(decide(implied)).isEqualTo(new Decision(false, Reason.IMPLIED_CONSENT));
    }

    @Test
    @DisplayName("PIPL Art. 14: an explicit grant after an implied one allows")
    void an_explicit_grant_after_an_implied_one_allows() {
        Consent implied = granted(ConsentMethod.IMPLIED);
        Instant later = DAY_ONE.plusSeconds(60);
        Consent explicit = ConsentRecorder.record(grant(ConsentMethod.BUTTON, later), adult.advanced(), Map.of(sms.code(), implied),
                later).consents().get(0);
        assertThat(decide(explicit)).isEqualTo(new Decision(true, Reason.GRANTED));
    }

    @Test
    void every_explicit_method_and_an_import_allow() {
        for (ConsentMethod method : ConsentMethod.values()) {
            if (method != ConsentMethod.IMPLIED) {
                assertThat(decide(granted(method)).allowed()).as(method.code()).isTrue();
            }
        }
    }
}
