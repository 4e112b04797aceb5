package org.opencpm.application.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.opencpm.testfixtures.ConsentEvents.PHONE;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.ConsentEvents.aWithdrawal;
import static org.opencpm.testfixtures.Purposes.HEALTH_ADVICE;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;
import static org.opencpm.testfixtures.Purposes.PERSONALIZATION;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.application.IdempotencyKeyReusedException;
import org.opencpm.application.IdentifiersConflictException;
import org.opencpm.application.UnknownNoticeException;
import org.opencpm.application.UnknownPurposeException;
import org.opencpm.application.port.in.BatchItemResult;
import org.opencpm.application.port.in.ConsentReceipt;
import org.opencpm.application.port.in.DecisionQuery;
import org.opencpm.application.port.in.RecordConsentResult;
import org.opencpm.application.port.in.SubjectLocator;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.domain.DomainException;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.CanonicalForm;
import org.opencpm.domain.consent.ConsentRecorder;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.consent.SeparateConsentPolicy;
import org.opencpm.domain.decision.Reason;
import org.opencpm.domain.decision.UsageRequest;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.notice.NoticeCoveragePolicy;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.subject.GuardianPolicy;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.InMemoryOpenCpm;

class RecordConsentServiceTest {

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm().withPurposes(MARKETING_SMS, HEALTH_ADVICE, PERSONALIZATION);
    private final Notice policy = cpm.publish("privacy-policy", "2026-01", false, MARKETING_SMS, HEALTH_ADVICE, PERSONALIZATION);

    private Reason decisionFor(Identifier who) {
        return cpm.decide.decide(new DecisionQuery(SubjectLocator.by(who), MARKETING_SMS.code(), UsageRequest.on(ContactChannel.SMS)))
                .decision().reason();
    }

    private int auditEvents() {
        return cpm.auditTrail.all().size();
    }

    @Test
    void a_grant_is_durable_in_the_store_the_audit_chain_and_the_outbox_when_it_returns() {
        ConsentReceipt receipt = cpm.recordConsent.record(aGrant().by(PHONE).of(MARKETING_SMS).on(policy).build()).receipts().get(0);

        assertThat(receipt.state()).isEqualTo(ConsentState.GRANTED);
        assertThat(receipt.version()).isEqualTo(1);
        AuditEvent audited = cpm.auditTrail.find(receipt.receiptId()).orElseThrow();
        assertThat(audited.hash()).isEqualTo(receipt.auditHash());
        assertThat(audited.purpose()).isEqualTo("marketing-sms");
        assertThat(audited.detail("noticeHash")).isEqualTo(policy.contentHash().hex());
        assertThat(cpm.consentStore.all().get(receipt.subjectId())).containsKey(MARKETING_SMS.code());
        assertThat(cpm.outbox.changes()).singleElement().satisfies(change -> {
            assertThat(change.subject()).isEqualTo(receipt.subjectId());
            assertThat(change.state()).contains(ConsentState.GRANTED);
            assertThat(change.version()).isEqualTo(1);
            assertThat(change.auditEventId()).isEqualTo(receipt.receiptId());
        });
        assertThat(decisionFor(PHONE)).isEqualTo(Reason.GRANTED);
    }

    @Test
    void a_phone_written_another_way_finds_the_same_subject() {
        SubjectId first = cpm.recordConsent.record(aGrant().by(Identifier.phone("13800138000")).of(MARKETING_SMS).on(policy).build())
                .receipts().get(0).subjectId();
        SubjectId second = cpm.recordConsent.record(aWithdrawal().by(Identifier.phone("+86 138-0013-8000")).of(MARKETING_SMS).build())
                .receipts().get(0).subjectId();
        assertThat(second).isEqualTo(first);
        assertThat(cpm.lookupSubject.lookup(List.of(Identifier.phone("0086 138 0013 8000")))).contains(first);
        assertThat(cpm.subjectStore.count()).isEqualTo(1);
    }

    @Test
    void a_new_identifier_given_with_a_known_one_joins_the_subject() {
        SubjectId subject = cpm.recordConsent.record(aGrant().by(PHONE).of(MARKETING_SMS).on(policy).build()).receipts().get(0).subjectId();
        Identifier openid = Identifier.wechatOpenid("o6_bmjrPTlm6_2sgVt7hMZOPfL2M", "wx1234");
        cpm.recordConsent.record(aGrant().by(PHONE, openid).of(PERSONALIZATION).on(policy).build());
        assertThat(cpm.lookupSubject.lookup(List.of(openid))).contains(subject);
        assertThat(cpm.subjectStore.identifiersOf(subject)).extracting(linked -> cpm.vault.open(linked.sealed()))
                .containsExactlyInAnyOrder(PHONE, openid);
    }

    @Test
    void identifiers_of_two_different_subjects_are_refused() {
        Identifier email = Identifier.email("li.lei@example.com");
        cpm.recordConsent.record(aGrant().by(PHONE).of(MARKETING_SMS).on(policy).build());
        cpm.recordConsent.record(aGrant().by(email).of(MARKETING_SMS).on(policy).build());
        int before = auditEvents();

        assertThatThrownBy(() -> cpm.recordConsent.record(aWithdrawal().by(PHONE, email).of(MARKETING_SMS).build()))
                .isInstanceOf(IdentifiersConflictException.class);
        assertThat(auditEvents()).isEqualTo(before);
    }

    @Test
    void an_undefined_purpose_or_unpublished_notice_is_refused_and_nothing_is_written() {
        assertThatThrownBy(() -> cpm.recordConsent.record(aGrant().of("no-such-purpose").on(policy).build()))
                .isInstanceOf(UnknownPurposeException.class);
        assertThatThrownBy(() -> cpm.recordConsent.record(aGrant().of(MARKETING_SMS).on(NoticeRef.of("privacy-policy", "2099-01")).build()))
                .isInstanceOf(UnknownNoticeException.class);
        assertNothingRecordedBeyondTheCatalogue();
    }

    @Test
    @DisplayName("PIPL Art. 16, 29: a bundled grant with a sensitive purpose gets a rule error and writes nothing")
    void bundled_grant_with_a_separate_consent_purpose_writes_nothing() {
        assertThatThrownBy(() -> cpm.recordConsent.record(aGrant().of(MARKETING_SMS, HEALTH_ADVICE).on(policy).build()))
                .isInstanceOf(SeparateConsentPolicy.BundledConsentException.class);
        assertNothingRecordedBeyondTheCatalogue();
    }

    @Test
    @DisplayName("PIPL Art. 14, 17: a grant on a notice that does not cover the purpose writes nothing")
    void grant_on_a_notice_not_covering_the_purpose_writes_nothing() {
        Notice smsOnly = cpm.publish("sms-terms", "1", false, MARKETING_SMS);
        assertThatThrownBy(() -> cpm.recordConsent.record(aGrant().of(HEALTH_ADVICE).on(smsOnly).build()))
                .isInstanceOf(NoticeCoveragePolicy.NoticeDoesNotCoverPurposeException.class);
        assertNothingRecordedBeyondTheCatalogue();
    }

    @Test
    @DisplayName("PIPL Art. 31: a grant for a child under 14 needs the guardian, and records them only as hashes")
    void a_childs_grant_needs_a_guardian() {
        Identifier child = Identifier.phone("13700137000");
        Identifier parent = Identifier.phone("13900139000");
        assertThatThrownBy(() -> cpm.recordConsent.record(aGrant().by(child).bornOn(LocalDate.of(2016, 5, 1)).of(MARKETING_SMS).on(policy).build()))
                .isInstanceOf(GuardianPolicy.GuardianRequiredException.class);
        assertNothingRecordedBeyondTheCatalogue();

        ConsentReceipt receipt = cpm.recordConsent.record(aGrant().by(child).bornOn(LocalDate.of(2016, 5, 1)).withGuardian(parent)
                .of(MARKETING_SMS).on(policy).build()).receipts().get(0);
        AuditEvent audited = cpm.auditTrail.find(receipt.receiptId()).orElseThrow();
        assertThat(audited.detail("guardianRelation")).isEqualTo("parent");
        assertThat(audited.detail("guardianIdentifiers")).as("sealed, not in clear").isNull();
        assertThat(cpm.personalOf(audited)).containsEntry("guardianIdentifiers", cpm.vault.hash(parent).hex());
        assertThat(decisionFor(child)).isEqualTo(Reason.GRANTED);
    }

    @Test
    void a_subject_declared_a_minor_later_needs_a_guardian_consent_again() {
        cpm.recordConsent.record(aGrant().by(PHONE).of(MARKETING_SMS).on(policy).build());
        cpm.recordConsent.record(aWithdrawal().by(PHONE).minor(true).of(PERSONALIZATION).build());
        assertThat(decisionFor(PHONE)).isEqualTo(Reason.GUARDIAN_REQUIRED);
    }

    @Test
    @DisplayName("PIPL Art. 15: withdrawal flips the decision at commit; the history keeps the earlier grant")
    void withdrawal_flips_the_decision_at_commit() {
        cpm.recordConsent.record(aGrant().of(MARKETING_SMS).on(policy).build());
        assertThat(decisionFor(PHONE)).isEqualTo(Reason.GRANTED);

        cpm.clock.advance(Duration.ofMinutes(5));
        ConsentReceipt withdrawn = cpm.recordConsent.record(aWithdrawal().of(MARKETING_SMS).build()).receipts().get(0);

        assertThat(decisionFor(PHONE)).isEqualTo(Reason.WITHDRAWN);
        assertThat(cpm.viewSubject.historyOf(withdrawn.subjectId())).extracting(e -> e.detail("action"), AuditEvent::state)
                .containsExactly(tuple("grant", "granted"),
                        tuple("withdraw", "withdrawn"));
    }

    @Test
    @DisplayName("PIPL Art. 47: withdrawing a grant tells connectors that erasure is due")
    void withdrawal_of_a_grant_marks_erasure_due_for_connectors() {
        cpm.recordConsent.record(aGrant().of(MARKETING_SMS).on(policy).build());
        cpm.recordConsent.record(aWithdrawal().of(MARKETING_SMS).build());
        assertThat(cpm.outbox.changes()).extracting(ConsentChange::erasureDue).containsExactly(false, true);
        assertThat(cpm.outbox.changes()).extracting(ConsentChange::version).containsExactly(1L, 2L);
    }

    @Test
    void repeating_an_idempotency_key_returns_the_first_answer_and_writes_nothing_new() {
        RecordConsentResult first = cpm.recordConsent.record(aGrant().of(MARKETING_SMS).on(policy).idempotencyKey("c0ffee-1").build());
        int events = auditEvents();

        RecordConsentResult again = cpm.recordConsent.record(aGrant().of(MARKETING_SMS).on(policy).idempotencyKey("c0ffee-1").build());
        assertThat(again.replayed()).isTrue();
        assertThat(again.receipts()).isEqualTo(first.receipts());
        assertThat(auditEvents()).isEqualTo(events);

        assertThatThrownBy(() -> cpm.recordConsent.record(aWithdrawal().of(MARKETING_SMS).idempotencyKey("c0ffee-1").build()))
                .isInstanceOf(IdempotencyKeyReusedException.class);
    }

    @Test
    void when_a_later_write_fails_the_whole_event_is_rolled_back() {
        cpm.outbox.failNextEnqueue(new IllegalStateException("database connection lost"));
        assertThatThrownBy(() -> cpm.recordConsent.record(aGrant().of(MARKETING_SMS).on(policy).build()))
                .hasMessageContaining("connection lost");
        assertNothingRecordedBeyondTheCatalogue();
        assertThat(decisionFor(PHONE)).isEqualTo(Reason.UNKNOWN_SUBJECT);

        cpm.recordConsent.record(aGrant().of(MARKETING_SMS).on(policy).build());
        assertThat(cpm.verifyAudit.verify().valid()).isTrue();
    }

    @Test
    void an_event_from_the_future_is_refused() {
        assertThatThrownBy(() -> cpm.recordConsent.record(aGrant().of(MARKETING_SMS).on(policy).at(cpm.clock.now().plus(Duration.ofHours(1))).build()))
                .isInstanceOf(ConsentRecorder.OccurredInFutureException.class);
    }

    @Test
    void a_batch_answers_each_event_on_its_own() {
        List<BatchItemResult> results = cpm.recordConsentBatch.recordAll(List.of(
                aGrant().by(Identifier.phone("13800000001")).of(MARKETING_SMS).on(policy).build(),
                aGrant().by(Identifier.phone("13800000002")).of(MARKETING_SMS, HEALTH_ADVICE).on(policy).build(),
                aGrant().by(Identifier.phone("13800000003")).of(PERSONALIZATION).on(policy).build()));

        assertThat(results).extracting(BatchItemResult::succeeded).containsExactly(true, false, true);
        assertThat(results.get(1).error()).map(DomainException::code).contains("separate-consent-required");
        assertThat(cpm.subjectStore.count()).isEqualTo(2);
    }

    @Test
    void no_identifier_value_reaches_the_audit_trail() {
        cpm.recordConsent.record(aGrant().by(PHONE, Identifier.email("Li.Lei@Example.com")).of(MARKETING_SMS).on(policy).build());
        for (AuditEvent event : cpm.auditTrail.all()) {
            assertThat(CanonicalForm.of(event)).doesNotContain("13800138000", "li.lei", "Li.Lei");
        }
    }

    private void assertNothingRecordedBeyondTheCatalogue() {
        assertThat(cpm.subjectStore.count()).isZero();
        assertThat(cpm.consentStore.all()).isEmpty();
        assertThat(cpm.outbox.changes()).isEmpty();
        assertThat(cpm.auditTrail.all()).extracting(AuditEvent::subjectId).containsOnlyNulls();
        assertThat(cpm.lookupSubject.lookup(List.of(PHONE))).isEqualTo(Optional.empty());
    }
}
