package org.opencpm.application.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.testfixtures.ConsentEvents.PHONE;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.ConsentEvents.aWithdrawal;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;
import static org.opencpm.testfixtures.Purposes.PERSONALIZATION;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.application.ReceiptNotFoundException;
import org.opencpm.application.SubjectErasedException;
import org.opencpm.application.SubjectMergedException;
import org.opencpm.application.port.in.ConsentRecord;
import org.opencpm.application.port.in.EraseSubjectCommand;
import org.opencpm.application.port.in.ErasureStatus;
import org.opencpm.application.port.in.UpdatePreferencesCommand;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.audit.Checkpoint;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.InMemoryOpenCpm;

/**
 * A consent event read back as an ISO/IEC TS 27560 consent record: the notice and its hash, the
 * purpose, what became of the consent, the checkpoint that anchors it; never another person's.
 */
class ConsentRecordServiceTest {

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm().withPurposes(MARKETING_SMS, PERSONALIZATION);
    private final Notice notice = cpm.publish("privacy-policy", "2026-01", false, MARKETING_SMS, PERSONALIZATION);

    private String grant(Identifier who) {
        return cpm.recordConsent.record(aGrant().by(who).of(MARKETING_SMS).on(notice).fromIp("203.0.113.9").build())
                .receipts().getFirst().receiptId();
    }

    private SubjectId subjectOf(Identifier who) {
        return cpm.lookupSubject.lookup(List.of(who)).orElseThrow();
    }

    private AuditEvent event(String id) {
        return cpm.auditTrail.find(id).orElseThrow();
    }

    @Test
    @DisplayName("ISO/IEC TS 27560; PIPL Art. 14, 15: a grant reads back with its notice and hash, its purpose, and its withdrawal since")
    void a_grant_reads_back_with_its_notice_purpose_and_what_became_of_it() {
        String granted = grant(PHONE);
        String other = cpm.recordConsent.record(aGrant().by(PHONE).of(PERSONALIZATION).on(notice).build()) // not in this history
                .receipts().getFirst().receiptId();
        cpm.clock.advance(java.time.Duration.ofDays(3));
        String withdrawn = cpm.recordConsent.record(aWithdrawal().by(PHONE).of(MARKETING_SMS).build()).receipts().getFirst().receiptId();
        SubjectId person = subjectOf(PHONE);

        ConsentRecord record = cpm.consentRecords.consentRecord(person, granted);

        assertThat(record.subject()).isEqualTo(person);
        assertThat(record.recordedUnder()).isEmpty();
        assertThat(record.event()).isEqualTo(event(granted));
        assertThat(record.event().state()).isEqualTo("granted");
        assertThat(record.notice()).contains(notice);
        assertThat(record.event().detail("noticeHash")).isEqualTo(notice.contentHash().hex());
        assertThat(record.purpose()).contains(MARKETING_SMS);
        assertThat(record.purposeHistory()).extracting(AuditEvent::eventId).containsExactly(granted, withdrawn);
        assertThat(record.stateNow()).contains(ConsentState.WITHDRAWN);
        assertThat(record.checkpoint()).as("nothing signed yet").isEmpty();
        assertThat(record.controller()).isEqualTo(InMemoryOpenCpm.CONTROLLER);
        assertThat(record.issuedAt()).isEqualTo(cpm.clock.now());
        assertThat(cpm.consentRecords.consentRecord(person, withdrawn).event().state()).isEqualTo("withdrawn");
        assertThat(cpm.consentRecords.consentRecord(person, other).stateNow()).as("the state of its own purpose").contains(ConsentState.GRANTED);
    }

    @Test
    @DisplayName("PIPL Art. 54–56: a record's evidence is the first signed checkpoint whose head reaches its event, none before it is signed")
    void the_first_checkpoint_that_reaches_the_event_is_its_evidence() {
        List<String> receipts = new ArrayList<>();
        List<Long> numbers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            receipts.add(grant(Identifier.phone("1390000000" + i)));
            if (i % 3 != 2) { // some checkpoints cover two grants, one grant is covered by the next
                numbers.add(cpm.anchorAudit.checkpoint().orElseThrow().number());
            } else {
                numbers.add(null);
            }
        }
        String unsigned = grant(Identifier.phone("13900000099"));

        for (int i = 0; i < receipts.size(); i++) {
            long expected = numbers.get(i) != null ? numbers.get(i) : numbers.get(i + 1);
            Identifier who = Identifier.phone("1390000000" + i);
            Checkpoint covering = cpm.consentRecords.consentRecord(subjectOf(who), receipts.get(i)).checkpoint().orElseThrow();
            assertThat(covering.number()).as("grant %d", i).isEqualTo(expected);
            assertThat(covering.heads().getFirst().seq()).isGreaterThanOrEqualTo(event(receipts.get(i)).seq());
        }
        assertThat(cpm.consentRecords.consentRecord(subjectOf(Identifier.phone("13900000099")), unsigned).checkpoint())
                .as("not anchored yet").isEmpty();
    }

    @Test
    @DisplayName("No oracle: another person's receipt, an unknown id and a non-consent event all answer the same 'no receipt for this subject'")
    void another_persons_receipt_reads_like_an_unknown_one() {
        grant(PHONE);
        Identifier stranger = Identifier.phone("13711112222");
        String theirs = grant(stranger);
        SubjectId person = subjectOf(PHONE);
        long version = cpm.preferences.update(new UpdatePreferencesCommand(person, new Preferences(Map.of("promotions", false),
                Map.of(), Optional.empty(), Optional.empty()), CollectionChannel.PREFERENCE_CENTRE, InMemoryOpenCpm.ADMIN));
        AuditEvent preferences = cpm.auditTrail.all().stream()
                .filter(e -> e.type() == AuditEventType.PREFERENCES_UPDATED && person.value().equals(e.subjectId()))
                .reduce((first, second) -> second).orElseThrow();
        assertThat(version).isPositive();

        assertThatThrownBy(() -> cpm.consentRecords.consentRecord(person, theirs)).isInstanceOf(ReceiptNotFoundException.class)
                .hasMessage("no receipt " + theirs + " for this subject");
        assertThatThrownBy(() -> cpm.consentRecords.consentRecord(person, "0f0e0d0c-0000-4000-8000-000000000000"))
                .isInstanceOf(ReceiptNotFoundException.class);
        assertThatThrownBy(() -> cpm.consentRecords.consentRecord(person, preferences.eventId()))
                .as("the person's own event, but not a consent event").isInstanceOf(ReceiptNotFoundException.class)
                .hasMessage("no receipt " + preferences.eventId() + " for this subject");
    }

    @Test
    @DisplayName("PIPL Art. 47: an erased person's receipts are gone, as their history is")
    void an_erased_persons_receipt_is_gone() {
        String granted = grant(PHONE);
        SubjectId person = subjectOf(PHONE);

        assertThat(cpm.erasure.erase(new EraseSubjectCommand(person, EraseSubjectCommand.Reason.RETENTION, Optional.empty(),
                InMemoryOpenCpm.ADMIN))).isEqualTo(ErasureStatus.ERASED);

        assertThatThrownBy(() -> cpm.consentRecords.consentRecord(person, granted)).isInstanceOf(SubjectErasedException.class);
    }

    @Test
    @DisplayName("PIPL Art. 46: a receipt recorded under a record merged into the person is theirs, with both records' events for the purpose")
    void a_receipt_of_an_absorbed_record_is_reachable_under_the_surviving_subject() {
        Identifier email = Identifier.email("li.lei@example.cn");
        String survivor = grant(PHONE);
        cpm.clock.advance(java.time.Duration.ofMinutes(5));
        String absorbedGrant = grant(email);
        SubjectId into = subjectOf(PHONE);
        SubjectId from = subjectOf(email);
        cpm.mergeSubjects.merge(into, from, InMemoryOpenCpm.ADMIN);

        ConsentRecord record = cpm.consentRecords.consentRecord(into, absorbedGrant);

        assertThat(record.subject()).isEqualTo(into);
        assertThat(record.recordedUnder()).contains(from.value());
        assertThat(record.purposeHistory()).extracting(AuditEvent::eventId).contains(survivor, absorbedGrant);
        assertThat(record.purposeHistory()).extracting(AuditEvent::type)
                .containsOnly(AuditEventType.CONSENT_RECORDED, AuditEventType.CONSENT_CARRIED);
        assertThatThrownBy(() -> cpm.consentRecords.consentRecord(from, absorbedGrant)).as("asked under the absorbed id")
                .isInstanceOf(SubjectMergedException.class);
        AuditEvent carried = record.purposeHistory().stream().filter(e -> e.type() == AuditEventType.CONSENT_CARRIED)
                .findFirst().orElseThrow();
        assertThatThrownBy(() -> cpm.consentRecords.consentRecord(into, carried.eventId()))
                .as("the merge's own event about the purpose is history, not a receipt").isInstanceOf(ReceiptNotFoundException.class);
    }
}
