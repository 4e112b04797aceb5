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

/**
 * A batch in one transaction: one person's events apply in the order given; a refused event leaves
 * nothing behind, and what an event had buffered before it was refused is taken back.
 */
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

    @Test
    void a_refused_event_registers_no_one_and_the_next_event_of_the_same_person_registers_them_once() {
        List<BatchItemResult> results = cpm.recordConsentBatch.recordAll(List.of(
                aGrant().by(PHONE).of("no-such-purpose").on(policy).build(),
                aGrant().by(PHONE).of(MARKETING_SMS).on(policy).build(),
                aGrant().by(PHONE).of(MARKETING_EMAIL).on(policy).build()));

        assertThat(results).extracting(BatchItemResult::succeeded).containsExactly(false, true, true);
        assertThat(results.get(1).result().orElseThrow().receipts().getFirst().subjectId())
                .isEqualTo(results.get(2).result().orElseThrow().receipts().getFirst().subjectId());
        assertThat(results.get(2).result().orElseThrow().receipts().getFirst().version()).isEqualTo(2);
    }

    @Test
    void undo_takes_back_the_current_events_writes_latest_first_and_keeps_the_earlier_events() {
        BatchUndo undo = new BatchUndo();
        java.util.Map<String, String> map = new java.util.HashMap<>();
        java.util.List<String> list = new java.util.ArrayList<>();
        undo.begin();
        undo.put(map, "a", "first");
        undo.add(list, "x");
        undo.begin(); // the first event went well
        undo.put(map, "a", "second");
        undo.put(map, "b", "new");
        undo.add(list, "y");

        undo.rollBack();

        assertThat(map).containsExactly(java.util.Map.entry("a", "first"));
        assertThat(list).containsExactly("x");
    }
}
