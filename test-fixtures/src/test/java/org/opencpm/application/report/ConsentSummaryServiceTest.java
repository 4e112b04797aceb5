package org.opencpm.application.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.testfixtures.ConsentEvents.aDenial;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.ConsentEvents.aWithdrawal;
import static org.opencpm.testfixtures.Purposes.HEALTH_ADVICE;
import static org.opencpm.testfixtures.Purposes.MARKETING_EMAIL;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.in.ConsentSummary;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.testfixtures.InMemoryOpenCpm;

/** The dashboard's counts: every current consent once, in the state it is in now. */
class ConsentSummaryServiceTest {

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm().withPurposes(MARKETING_SMS, HEALTH_ADVICE, MARKETING_EMAIL);
    private final ConsentSummaryService summaries = new ConsentSummaryService(cpm.ports);

    @Test
    void consents_are_counted_by_purpose_and_current_state_with_every_defined_purpose_listed() {
        Notice v1 = cpm.publish("privacy-policy", "1", false, MARKETING_SMS, HEALTH_ADVICE);
        cpm.clock.advance(Duration.ofHours(1));
        Identifier ana = Identifier.phone("13800138301");
        Identifier bo = Identifier.phone("13800138302");
        Identifier cy = Identifier.phone("13800138303");
        cpm.recordConsent.record(aGrant().by(ana).of(MARKETING_SMS).on(v1).build());
        cpm.recordConsent.record(aGrant().by(bo).of(MARKETING_SMS).on(v1).build());
        cpm.recordConsent.record(aGrant().by(bo).of(HEALTH_ADVICE).on(v1).build());
        cpm.recordConsent.record(aDenial().by(cy).of(MARKETING_SMS).on(v1).build());
        cpm.clock.advance(Duration.ofMinutes(1));
        cpm.recordConsent.record(aWithdrawal().by(ana).of(MARKETING_SMS).build());

        ConsentSummary summary = summaries.summary();

        assertThat(summary.subjects()).isEqualTo(3);
        assertThat(summary.byPurpose().get("marketing-sms")).containsAllEntriesOf(Map.of(
                ConsentState.GRANTED, 1L, ConsentState.WITHDRAWN, 1L, ConsentState.DENIED, 1L, ConsentState.PENDING, 0L,
                ConsentState.EXPIRED, 0L));
        assertThat(summary.byPurpose().get("health-advice").get(ConsentState.GRANTED)).isEqualTo(1L);
        assertThat(summary.byPurpose().get("marketing-email").values()).as("defined, never consented to").containsOnly(0L);
        assertThat(summary.at()).isEqualTo(cpm.clock.now());
    }

    @Test
    void a_grant_past_its_validity_counts_as_expired_before_its_expiry_is_recorded() {
        Notice v1 = cpm.publish("privacy-policy", "1", false, MARKETING_SMS);
        cpm.clock.advance(Duration.ofHours(1));
        cpm.recordConsent.record(aGrant().by(Identifier.phone("13800138311")).of(MARKETING_SMS).on(v1).build());
        cpm.clock.advance(Duration.ofDays(MARKETING_SMS.validityDays().orElseThrow() + 1L));

        assertThat(summaries.summary().byPurpose().get("marketing-sms"))
                .containsEntry(ConsentState.EXPIRED, 1L).containsEntry(ConsentState.GRANTED, 0L);
    }
}
