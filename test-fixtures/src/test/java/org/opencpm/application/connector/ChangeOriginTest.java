package org.opencpm.application.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.testfixtures.ConsentEvents.PHONE;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.ConsentEvents.aWithdrawal;
import static org.opencpm.testfixtures.Purposes.MARKETING_EMAIL;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.Delivery;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.testfixtures.InMemoryOpenCpm;

/** A change carries where it came in from, and is never carried back there: no echo to a platform of its own change. */
class ChangeOriginTest {

    private static final String CRM = "crm-webhook";
    private static final String SMS = "sms-aliyun";
    private static final Identifier EMAIL = Identifier.email("li@example.com");

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm().withPurposes(MARKETING_SMS, MARKETING_EMAIL);
    private final Notice notice = cpm.publish("privacy-policy", "1", false, MARKETING_SMS, MARKETING_EMAIL);

    {
        cpm.subscriptions = change -> List.of(CRM, SMS);
    }

    private List<Delivery> deliveriesOf(long version) {
        return cpm.deliveries.all().stream().filter(d -> d.change().version() == version).toList();
    }

    @Test
    @DisplayName("PIPL Art. 15: a withdrawal from the CRM's callback goes to every other connector, not back to the CRM")
    void a_withdrawal_from_a_platform_is_not_echoed_back_to_it() {
        cpm.recordConsent.record(aGrant().by(PHONE).of(MARKETING_SMS).on(notice).build());
        long withdrawal = cpm.recordConsent.record(aWithdrawal().by(PHONE).of(MARKETING_SMS).by(Actor.connector(CRM)).build())
                .receipts().get(0).version();

        assertThat(deliveriesOf(withdrawal)).extracting(Delivery::connectorId).containsExactly(SMS);
        assertThat(deliveriesOf(withdrawal).get(0).change().origin()).contains(CRM);
        assertThat(cpm.outbox.changes()).extracting(ConsentChange::origin).containsExactly(Optional.empty(), Optional.of(CRM));
    }

    @Test
    void a_change_from_the_api_goes_to_every_connector() {
        long grant = cpm.recordConsent.record(aGrant().by(PHONE).of(MARKETING_SMS).on(notice).build()).receipts().get(0).version();
        assertThat(deliveriesOf(grant)).extracting(Delivery::connectorId).containsExactlyInAnyOrder(CRM, SMS);
    }

    @Test
    @DisplayName("A grant from a platform that OpenCPM leaves pending (double opt-in) goes back to it: it is not what the platform said")
    void a_grant_left_pending_goes_back_to_the_platform_it_came_from() {
        var receipt = cpm.recordConsent.record(aGrant().by(EMAIL).of(MARKETING_EMAIL).on(notice).by(Actor.connector(CRM)).build())
                .receipts().get(0);
        assertThat(receipt.state()).isEqualTo(ConsentState.PENDING);
        assertThat(deliveriesOf(receipt.version())).extracting(Delivery::connectorId).containsExactlyInAnyOrder(CRM, SMS);
    }
}
