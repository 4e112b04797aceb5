package org.opencpm.application.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.testfixtures.ConsentEvents.PHONE;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.ConsentEvents.aWithdrawal;
import static org.opencpm.testfixtures.Purposes.MARKETING_EMAIL;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.in.BatchItemResult;
import org.opencpm.application.port.in.ConsentReceipt;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.notice.Notice;
import org.opencpm.testfixtures.InMemoryOpenCpm;

/** A batch in one transaction: one person's events apply in the order given; a refused event takes back what it wrote. */
class ConsentBatchTest {

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm().withPurposes(MARKETING_SMS, MARKETING_EMAIL);
    private final Notice policy = cpm.publish("privacy-policy", "2026-01", false, MARKETING_SMS, MARKETING_EMAIL);
    private final Instant now;

    ConsentBatchTest() {
        cpm.clock.advance(Duration.ofDays(2));
        now = cpm.clock.now();
    }

    @Test
    void one_persons_events_out_of_order_in_one_batch_end_in_the_latest() {
        List<BatchItemResult> results = cpm.recordConsentBatch.recordAll(List.of(
                aWithdrawal().by(PHONE).of(MARKETING_SMS).at(now.minus(Duration.ofHours(1))).build(),
                aGrant().by(PHONE).of(MARKETING_SMS).on(policy).at(now.minus(Duration.ofHours(3))).build(),
                aGrant().by(PHONE).of(MARKETING_SMS).on(policy).at(now.minus(Duration.ofHours(2))).build()));

        assertThat(results).allSatisfy(r -> assertThat(r.error()).isEmpty());
        assertThat(results).extracting(r -> r.result().orElseThrow().receipts().getFirst()).extracting(ConsentReceipt::current,
                ConsentReceipt::state).containsExactly(org.assertj.core.groups.Tuple.tuple(true, ConsentState.WITHDRAWN),
                org.assertj.core.groups.Tuple.tuple(false, ConsentState.WITHDRAWN),
                org.assertj.core.groups.Tuple.tuple(false, ConsentState.WITHDRAWN));
        assertThat(cpm.verifyAudit.verify().valid()).isTrue();
    }
}
