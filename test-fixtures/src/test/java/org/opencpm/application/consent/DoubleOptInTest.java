package org.opencpm.application.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.Purposes.MARKETING_EMAIL;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opencpm.application.ConfirmationTokenInvalidException;
import org.opencpm.application.port.in.ConfirmDoubleOptInCommand;
import org.opencpm.application.port.in.ConsentReceipt;
import org.opencpm.application.port.in.DecisionQuery;
import org.opencpm.application.port.in.SubjectLocator;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.consent.ConsentMethod;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.consent.Evidence;
import org.opencpm.domain.decision.Reason;
import org.opencpm.domain.decision.UsageRequest;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.testfixtures.InMemoryOpenCpm;

class DoubleOptInTest {

    private static final Identifier EMAIL = Identifier.email("li.lei@example.com");
    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm().withPurposes(MARKETING_EMAIL);
    private final Notice notice = cpm.publish("newsletter-terms", "1", false, MARKETING_EMAIL);

    private ConfirmDoubleOptInCommand click(String token) {
        return new ConfirmDoubleOptInCommand(token, Evidence.of(CollectionChannel.EMAIL, ConsentMethod.EMAIL_LINK),
                Optional.empty(), InMemoryOpenCpm.ADMIN);
    }

    private Reason emailDecision() {
        return cpm.decide.decide(new DecisionQuery(SubjectLocator.by(EMAIL), MARKETING_EMAIL.code(), UsageRequest.on(ContactChannel.EMAIL)))
                .decision().reason();
    }

    @Test
    void a_grant_waits_for_the_confirmation_link_and_then_counts() {
        ConsentReceipt pending = cpm.recordConsent.record(aGrant().by(EMAIL).of(MARKETING_EMAIL).on(notice).build()).receipts().get(0);
        assertThat(pending.state()).isEqualTo(ConsentState.PENDING);
        assertThat(pending.confirmationToken()).isPresent();
        assertThat(emailDecision()).isEqualTo(Reason.PENDING_CONFIRMATION);

        cpm.clock.advance(Duration.ofHours(2));
        ConsentReceipt confirmed = cpm.confirmDoubleOptIn.confirm(click(pending.confirmationToken().get()));

        assertThat(confirmed.state()).isEqualTo(ConsentState.GRANTED);
        assertThat(confirmed.version()).isEqualTo(pending.version() + 1);
        assertThat(emailDecision()).isEqualTo(Reason.GRANTED);
    }

    @Test
    void a_token_works_once() {
        String token = cpm.recordConsent.record(aGrant().by(EMAIL).of(MARKETING_EMAIL).on(notice).build()).receipts().get(0)
                .confirmationToken().orElseThrow();
        cpm.confirmDoubleOptIn.confirm(click(token));
        assertThatThrownBy(() -> cpm.confirmDoubleOptIn.confirm(click(token)))
                .isInstanceOf(ConfirmationTokenInvalidException.class).hasMessageContaining("already used");
    }

    @Test
    void an_expired_token_confirms_nothing() {
        String token = cpm.recordConsent.record(aGrant().by(EMAIL).of(MARKETING_EMAIL).on(notice).build()).receipts().get(0)
                .confirmationToken().orElseThrow();
        cpm.clock.advance(Duration.ofDays(8));
        assertThatThrownBy(() -> cpm.confirmDoubleOptIn.confirm(click(token)))
                .isInstanceOf(ConfirmationTokenInvalidException.class).hasMessageContaining("expired");
        assertThat(emailDecision()).isEqualTo(Reason.PENDING_CONFIRMATION);
    }

    @Test
    void a_made_up_token_is_refused() {
        assertThatThrownBy(() -> cpm.confirmDoubleOptIn.confirm(click("not-a-token")))
                .isInstanceOf(ConfirmationTokenInvalidException.class);
    }
}
