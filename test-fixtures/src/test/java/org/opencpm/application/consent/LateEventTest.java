package org.opencpm.application.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.opencpm.testfixtures.ConsentEvents.PHONE;
import static org.opencpm.testfixtures.ConsentEvents.aDenial;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.ConsentEvents.aWithdrawal;
import static org.opencpm.testfixtures.Purposes.MARKETING_EMAIL;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.application.audit.AuditRecords;
import org.opencpm.application.port.in.BatchItemResult;
import org.opencpm.application.port.in.CallbackRequest;
import org.opencpm.application.port.in.CallbackResponse;
import org.opencpm.application.port.in.ConsentReceipt;
import org.opencpm.application.port.in.DecisionQuery;
import org.opencpm.application.port.in.RecordConsentCommand;
import org.opencpm.application.port.in.SubjectLocator;
import org.opencpm.application.port.out.ConnectorInfo;
import org.opencpm.application.port.out.ConnectorRuntime;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.InboundEvent;
import org.opencpm.application.port.out.InboundOutcome;
import org.opencpm.application.port.out.PluginInfo;
import org.opencpm.application.port.out.PluginReload;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.consent.ConsentRecorder;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.decision.Reason;
import org.opencpm.domain.decision.UsageRequest;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.subject.Subject;
import org.opencpm.testfixtures.InMemoryOpenCpm;

/** An event older than the one in force, from the API, a batch or a connector, changes nothing. */
class LateEventTest {

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm().withPurposes(MARKETING_SMS, MARKETING_EMAIL);
    private final Notice policy = cpm.publish("privacy-policy", "2026-01", false, MARKETING_SMS, MARKETING_EMAIL);
    private final Instant noticeOut = cpm.clock.now();

    LateEventTest() {
        cpm.clock.advance(Duration.ofDays(2));
    }

    private Instant hour(int h) {
        return noticeOut.plus(Duration.ofHours(h));
    }

    private Reason decision() {
        return cpm.decide.decide(new DecisionQuery(SubjectLocator.by(PHONE), MARKETING_SMS.code(), UsageRequest.on(ContactChannel.SMS)))
                .decision().reason();
    }

    private ConsentReceipt record(RecordConsentCommand command) {
        return cpm.recordConsent.record(command).receipts().get(0);
    }

    @Test
    @DisplayName("PIPL Art. 15: grant, withdraw, then a grant from the past: the person stays withdrawn")
    void a_past_grant_after_a_withdrawal_is_history_only() {
        record(aGrant().of(MARKETING_SMS).on(policy).at(hour(1)).build());
        record(aWithdrawal().of(MARKETING_SMS).at(hour(3)).build());
        int changes = cpm.outbox.changes().size();

        ConsentReceipt late = record(aGrant().of(MARKETING_SMS).on(policy).at(hour(2)).build());

        assertThat(late.current()).isFalse();
        assertThat(late.state()).isEqualTo(ConsentState.WITHDRAWN);
        assertThat(decision()).isEqualTo(Reason.WITHDRAWN);
        assertThat(cpm.consentStore.all().get(late.subjectId()).get(MARKETING_SMS.code()).state()).isEqualTo(ConsentState.WITHDRAWN);
        assertThat(cpm.decisionIndex.subject(late.subjectId()).orElseThrow().consentTo(MARKETING_SMS.code()).orElseThrow().state())
                .isEqualTo(ConsentState.WITHDRAWN);
        assertThat(cpm.outbox.changes()).as("connectors are not sent a change that is not current").hasSize(changes);

        List<AuditEvent> history = cpm.viewSubject.historyOf(late.subjectId());
        assertThat(history).extracting(e -> e.detail("action"), AuditEvent::state, AuditRecords::isCurrent)
                .containsExactly(tuple("grant", "granted", true), tuple("withdraw", "withdrawn", true),
                        tuple("grant", "withdrawn", false));
        AuditEvent lateEvent = history.get(2);
        assertThat(lateEvent.eventId()).isEqualTo(late.receiptId());
        assertThat(lateEvent.detail("currentOccurredAt")).isEqualTo("2026-11-29T05:00:00.000Z");
        assertThat(cpm.verifyAudit.verify().valid()).isTrue();
    }

    @Test
    void the_not_current_mark_is_covered_by_the_audit_hash() {
        record(aWithdrawal().of(MARKETING_SMS).at(hour(3)).build());
        record(aGrant().of(MARKETING_SMS).on(policy).at(hour(2)).build());

        long lateSeq = cpm.auditTrail.all().get(cpm.auditTrail.all().size() - 1).seq();
        cpm.auditTrail.tamper(lateSeq, e -> new AuditEvent(e.seq(), e.eventId(), e.type(), e.subjectId(), e.purpose(), e.state(),
                e.occurredAt(), e.recordedAt(), e.actor(), e.channel(), e.noticeCode(), e.noticeVersion(),
                Map.of("action", "grant"), e.prevHash(), e.hash()));

        assertThat(cpm.verifyAudit.verify().valid()).isFalse();
    }

    @Test
    void a_batch_applies_the_same_order_whatever_the_order_of_its_events() {
        List<BatchItemResult> results = cpm.recordConsentBatch.recordAll(List.of(
                aWithdrawal().of(MARKETING_SMS).at(hour(3)).build(),
                aGrant().of(MARKETING_SMS).on(policy).at(hour(1)).build(),
                aGrant().of(MARKETING_SMS).on(policy).at(hour(2)).build()));

        assertThat(results).allMatch(BatchItemResult::succeeded);
        assertThat(results).extracting(r -> r.result().orElseThrow().receipts().get(0).current()).containsExactly(true, false, false);
        assertThat(decision()).isEqualTo(Reason.WITHDRAWN);
        assertThat(cpm.outbox.changes()).singleElement().extracting(ConsentChange::state).isEqualTo(Optional.of(ConsentState.WITHDRAWN));
    }

    @Test
    void a_connectors_callback_with_a_past_grant_changes_nothing() {
        record(aWithdrawal().of(MARKETING_SMS).at(hour(3)).build());
        cpm.connectorRuntime = new CallbackCarrying(aGrant().of(MARKETING_SMS).on(policy).at(hour(2)).build());
        cpm.connectors.receive(new CallbackRequest("crm", "events", "POST", Map.of(), Map.of(), new byte[0]));

        assertThat(decision()).isEqualTo(Reason.WITHDRAWN);
        assertThat(cpm.outbox.changes()).hasSize(1);
        assertThat(cpm.auditTrail.all()).filteredOn(e -> "grant".equals(e.detail("action")))
                .singleElement().satisfies(e -> assertThat(AuditRecords.isCurrent(e)).isFalse());
    }

    /** A connector whose every callback carries {@code command}. */
    private record CallbackCarrying(RecordConsentCommand command) implements ConnectorRuntime {
        @Override
        public List<ConnectorInfo> connectors() {
            return NONE.connectors();
        }

        @Override
        public List<PluginInfo> plugins() {
            return NONE.plugins();
        }

        @Override
        public PluginReload reloadPlugins() {
            return NONE.reloadPlugins();
        }

        @Override
        public Optional<PluginInfo> setPluginEnabled(String pluginId, boolean enabled) {
            return NONE.setPluginEnabled(pluginId, enabled);
        }

        @Override
        public Optional<InboundOutcome> inbound(CallbackRequest request) {
            return Optional.of(new InboundOutcome(List.of(InboundEvent.toRecord("evt-late-1", command)),
                    results -> new CallbackResponse(200, "text/plain", new byte[0])));
        }
    }

    @Test
    void a_newer_event_after_a_late_one_still_takes_effect() {
        record(aWithdrawal().of(MARKETING_SMS).at(hour(3)).build());
        record(aGrant().of(MARKETING_SMS).on(policy).at(hour(2)).build());
        ConsentReceipt newer = record(aGrant().of(MARKETING_SMS).on(policy).at(hour(4)).build());

        assertThat(newer.current()).isTrue();
        assertThat(decision()).isEqualTo(Reason.GRANTED);
        assertThat(cpm.outbox.changes()).extracting(ConsentChange::version).containsExactly(1L, 3L);
    }

    @Test
    @DisplayName("PIPL Art. 31: a late event declaring a minor does not make an adult's grant need a guardian")
    void a_late_event_does_not_change_what_is_known_of_the_persons_age() {
        record(aGrant().of(MARKETING_SMS).on(policy).at(hour(5)).build());

        record(aWithdrawal().of(MARKETING_SMS).minor(true).at(hour(1)).build());

        assertThat(decision()).isEqualTo(Reason.GRANTED);
        record(aWithdrawal().of(MARKETING_SMS).minor(true).at(hour(6)).build());
        assertThat(cpm.subjectStore.all()).singleElement().extracting(Subject::declaredMinor).isEqualTo(true);
    }

    @Test
    @DisplayName("PIPL Art. 15: a grant dated minutes ahead cannot make a withdrawal given after it arrive 'late'")
    void a_grant_dated_a_little_ahead_does_not_outrank_a_withdrawal_made_after_it() {
        Instant ahead = cpm.clock.now().plus(Duration.ofMinutes(4));
        ConsentReceipt grant = record(aGrant().of(MARKETING_SMS).on(policy).at(ahead).build());
        cpm.clock.advance(Duration.ofMinutes(1));

        ConsentReceipt withdrawal = record(aWithdrawal().of(MARKETING_SMS).build());

        assertThat(withdrawal.current()).isTrue();
        assertThat(decision()).isEqualTo(Reason.WITHDRAWN);
        AuditEvent granted = cpm.auditTrail.find(grant.receiptId()).orElseThrow();
        assertThat(granted.occurredAt()).isEqualTo(ahead.minus(Duration.ofMinutes(4)));
        assertThat(granted.detail("claimedOccurredAt")).isEqualTo("2026-12-01T02:04:00.000Z");
    }

    @Test
    @DisplayName("PIPL Art. 15, 47: a denial newer than a grant ends it and tells connectors erasure is due")
    void a_denial_newer_than_a_grant_ends_it() {
        record(aGrant().of(MARKETING_SMS).on(policy).at(hour(1)).build());
        ConsentReceipt denied = record(aDenial().of(MARKETING_SMS).at(hour(2)).build());

        assertThat(denied.state()).isEqualTo(ConsentState.DENIED);
        assertThat(decision()).isEqualTo(Reason.DENIED);
        assertThat(cpm.outbox.changes()).extracting(ConsentChange::erasureDue).containsExactly(false, true);
    }

    @Test
    void a_late_double_opt_in_grant_asks_for_no_confirmation() {
        record(aGrant().of(MARKETING_EMAIL).on(policy).at(hour(5)).build());

        ConsentReceipt late = record(aGrant().of(MARKETING_EMAIL).on(policy).at(hour(1)).build());

        assertThat(late.current()).isFalse();
        assertThat(late.state()).isEqualTo(ConsentState.PENDING);
        assertThat(late.confirmationToken()).isEmpty();
        assertThat(cpm.outbox.changes()).hasSize(1);
    }

    @Test
    void a_time_out_of_bounds_is_refused_and_nothing_is_written() {
        int audited = cpm.auditTrail.all().size();
        assertThatThrownBy(() -> record(aGrant().of(MARKETING_SMS).on(policy).at(cpm.clock.now().plus(Duration.ofMinutes(10))).build()))
                .isInstanceOf(ConsentRecorder.OccurredInFutureException.class);
        assertThatThrownBy(() -> record(aWithdrawal().of(MARKETING_SMS).at(Instant.parse("1999-12-31T00:00:00Z")).build()))
                .isInstanceOf(ConsentRecorder.OccurredTooEarlyException.class);
        assertThat(cpm.auditTrail.all()).hasSize(audited);
        assertThat(cpm.subjectStore.count()).isZero();
        assertThat(cpm.outbox.changes()).isEmpty();
    }
}
