package org.opencpm.application.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.application.SubjectErasedException;
import org.opencpm.application.port.in.DecisionQuery;
import org.opencpm.application.port.in.EraseSubjectCommand;
import org.opencpm.application.port.in.ErasureStatus;
import org.opencpm.application.port.in.RecordRightsRequestCommand;
import org.opencpm.application.port.in.SubjectLocator;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.Delivery;
import org.opencpm.application.port.out.DeliveryStatus;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.decision.Reason;
import org.opencpm.domain.decision.UsageRequest;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.rights.RightsRequest;
import org.opencpm.domain.rights.RightsRequestStatus;
import org.opencpm.domain.rights.RightsRequestType;
import org.opencpm.domain.rights.Verification;
import org.opencpm.domain.rights.VerificationMethod;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.InMemoryOpenCpm;

class EraseSubjectServiceTest {

    private static final Identifier PHONE = Identifier.phone("13912345678");
    private static final String IP = "198.51.100.23";

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm().withPurposes(MARKETING_SMS);
    private final SubjectId person;

    EraseSubjectServiceTest() {
        Notice notice = cpm.publish("privacy-policy", "1", false, MARKETING_SMS);
        cpm.recordConsent.record(aGrant().by(PHONE).fromIp(IP).of(MARKETING_SMS).on(notice).build());
        person = cpm.lookupSubject.lookup(List.of(PHONE)).orElseThrow();
    }

    private RightsRequest deletionRequest(SubjectId who, RightsRequestType type) {
        return cpm.rightsRequests.record(new RecordRightsRequestCommand(SubjectLocator.byId(who), type, CollectionChannel.CALL_CENTRE,
                new Verification(VerificationMethod.OPERATOR, Optional.of("agent 7")), Optional.of("please delete everything"),
                InMemoryOpenCpm.ADMIN));
    }

    private ErasureStatus erase(RightsRequest request) {
        return cpm.erasure.erase(new EraseSubjectCommand(request.subject(), EraseSubjectCommand.Reason.REQUEST,
                Optional.of(request.id()), InMemoryOpenCpm.ADMIN));
    }

    private List<AuditEvent> chain() {
        return cpm.auditTrail.all();
    }

    private Reason decision() {
        return cpm.decide.decide(new DecisionQuery(SubjectLocator.by(PHONE), MARKETING_SMS.code(), UsageRequest.ANY)).decision().reason();
    }

    @Test
    @DisplayName("PIPL Art. 47: with no connector to wait for, erasure withdraws, shreds and leaves a verifiable chain with a tombstone")
    void an_erasure_with_nothing_to_wait_for_finishes_at_once() {
        RightsRequest request = deletionRequest(person, RightsRequestType.DELETION);
        AuditEvent grant = chain().stream().filter(e -> e.type() == AuditEventType.CONSENT_RECORDED).findFirst().orElseThrow();
        assertThat(cpm.personalOf(grant)).containsEntry("ip", IP);

        assertThat(erase(request)).isEqualTo(ErasureStatus.ERASED);

        assertThat(cpm.lookupSubject.lookup(List.of(PHONE))).isEmpty();
        assertThat(decision()).as("denied: nobody has the phone any more").isEqualTo(Reason.UNKNOWN_SUBJECT);
        assertThatThrownBy(() -> cpm.viewSubject.historyOf(person)).isInstanceOf(SubjectErasedException.class);
        assertThat(cpm.personalOf(grant)).as("sealed under a key that is gone").isEmpty();
        assertThat(cpm.subjectKeyStore.find(person)).isEmpty();
        assertThat(cpm.consentStore.all()).doesNotContainKey(person);
        assertThat(cpm.verifyAudit.verify().valid()).isTrue();
        assertThat(chain()).allSatisfy(e -> assertThat(e.details().values()).noneMatch(v -> v.contains(IP) || v.contains("13912345678")
                || v.contains("please delete") || v.contains("agent 7")));
        assertThat(chain()).extracting(AuditEvent::type).containsSubsequence(AuditEventType.CONSENT_RECORDED,
                AuditEventType.SUBJECT_ERASURE_STARTED, AuditEventType.RIGHTS_REQUEST_COMPLETED, AuditEventType.SUBJECT_ERASED);
        AuditEvent withdrawal = chain().stream().filter(e -> e.type() == AuditEventType.CONSENT_RECORDED).toList().getLast();
        assertThat(withdrawal.state()).isEqualTo("withdrawn");
        AuditEvent tombstone = chain().getLast();
        assertThat(tombstone.subjectId()).isEqualTo(person.value());
        assertThat(tombstone.details()).containsEntry("requestId", request.id()).containsEntry("identifiers", "1")
                .containsEntry("consents", "1").containsEntry("keyDestroyed", "true").containsEntry("reason", "request");
        RightsRequest answered = cpm.rightsRequests.find(request.id());
        assertThat(answered.status()).isEqualTo(RightsRequestStatus.COMPLETED);
        assertThat(answered.note()).isEmpty();
        assertThat(answered.verification().operator()).contains(RightsRequest.ERASED_TEXT);
    }

    @Test
    @DisplayName("ADR 0005: an erasure on a node whose clock runs behind the one that recorded the grant still withdraws it")
    void an_erasure_behind_the_grants_clock_still_withdraws() {
        RightsRequest request = deletionRequest(person, RightsRequestType.DELETION);
        cpm.clock.set(cpm.clock.now().minusSeconds(2));

        erase(request);

        AuditEvent withdrawal = chain().stream().filter(e -> e.type() == AuditEventType.CONSENT_RECORDED).toList().getLast();
        assertThat(withdrawal.state()).as("not late behind the grant").isEqualTo("withdrawn");
    }

    @Test
    @DisplayName("PIPL Art. 47: connectors get the withdrawal and then the erasure, with the identifiers still there; shredding waits for them")
    void an_erasure_waits_for_its_connectors() {
        cpm.subscriptions = change -> List.of("crm");
        RightsRequest request = deletionRequest(person, RightsRequestType.DELETION);

        assertThat(erase(request)).isEqualTo(ErasureStatus.ERASING);

        List<ConsentChange> told = cpm.outbox.changes().stream().filter(c -> c.subject().equals(person)).toList();
        assertThat(told).extracting(ConsentChange::kind).endsWith(ConsentChange.Kind.CONSENT, ConsentChange.Kind.ERASURE);
        assertThat(told.getLast().erasureDue()).isTrue();
        assertThat(told.getLast().version()).isGreaterThan(told.get(told.size() - 2).version());
        assertThat(cpm.lookupSubject.lookup(List.of(PHONE))).as("still there for the connectors").contains(person);
        assertThat(cpm.erasure.finishDue()).isZero();
        assertThat(erase(request)).as("asked again: where it stands").isEqualTo(ErasureStatus.ERASING);

        // the connector takes the person's changes one by one, in order, as a dispatcher does
        for (List<Delivery> claimed = claim(); !claimed.isEmpty(); claimed = claim()) {
            assertThat(cpm.erasure.finishDue()).as("not before the last one is delivered").isZero();
            cpm.deliveries.delivered(claimed.stream().map(Delivery::id).toList(), "test", cpm.clock.now());
        }
        assertThat(cpm.deliveries.all()).allMatch(d -> d.status() == DeliveryStatus.DELIVERED);
        assertThat(cpm.erasure.finishDue()).isEqualTo(1);

        assertThat(cpm.lookupSubject.lookup(List.of(PHONE))).isEmpty();
        assertThat(cpm.deliveries.all()).noneMatch(d -> d.change().subject().equals(person));
        assertThat(erase(request)).isEqualTo(ErasureStatus.ERASED);
        assertThat(cpm.verifyAudit.verify().valid()).isTrue();
    }

    private List<Delivery> claim() {
        return cpm.deliveries.claim("crm", 100, cpm.clock.now(), Duration.ofMinutes(1), "test");
    }

    @Test
    @DisplayName("PIPL Art. 47: a connector that never takes the erasure does not keep the data past the bounded wait")
    void the_wait_for_connectors_is_bounded() {
        cpm.subscriptions = change -> List.of("down");
        erase(deletionRequest(person, RightsRequestType.DELETION));
        cpm.clock.advance(InMemoryOpenCpm.ERASURE_WAIT.minus(Duration.ofSeconds(1)));
        assertThat(cpm.erasure.finishDue()).isZero();

        cpm.clock.advance(Duration.ofSeconds(1));

        assertThat(cpm.erasure.finishDue()).isEqualTo(1);
        assertThat(cpm.lookupSubject.lookup(List.of(PHONE))).isEmpty();
        assertThat(chain().getLast().details()).containsEntry("connectorsWaitedFor", "false");
    }

    @Test
    void only_the_persons_own_open_deletion_request_erases() {
        RightsRequest access = deletionRequest(person, RightsRequestType.ACCESS);
        assertThatThrownBy(() -> erase(access)).isInstanceOf(ErasureRequestMismatchException.class);

        cpm.recordConsent.record(aGrant().by(Identifier.phone("13711112222")).of(MARKETING_SMS)
                .on(cpm.publish("privacy-policy", "2", false, MARKETING_SMS)).build());
        SubjectId other = cpm.lookupSubject.lookup(List.of(Identifier.phone("13711112222"))).orElseThrow();
        RightsRequest othersRequest = deletionRequest(other, RightsRequestType.DELETION);
        assertThatThrownBy(() -> cpm.erasure.erase(new EraseSubjectCommand(person, EraseSubjectCommand.Reason.REQUEST,
                Optional.of(othersRequest.id()), InMemoryOpenCpm.ADMIN))).isInstanceOf(ErasureRequestMismatchException.class);

        RightsRequest rejected = deletionRequest(person, RightsRequestType.DELETION);
        cpm.rightsRequests.reject(rejected.id(), "kept by law", InMemoryOpenCpm.ADMIN);
        assertThatThrownBy(() -> erase(rejected)).isInstanceOf(ErasureRequestMismatchException.class);

        assertThat(cpm.erasureStore.find(person)).isEmpty();
        assertThat(cpm.lookupSubject.lookup(List.of(PHONE))).contains(person);
        assertThat(decision()).isEqualTo(Reason.GRANTED);
    }

    @Test
    void a_second_request_cannot_restart_an_erasure() {
        cpm.subscriptions = change -> List.of("crm");
        erase(deletionRequest(person, RightsRequestType.DELETION));
        RightsRequest second = deletionRequest(person, RightsRequestType.DELETION);

        assertThatThrownBy(() -> erase(second)).isInstanceOf(ErasureAlreadyStartedException.class);
    }

    @Test
    void an_erased_person_is_gone_from_the_decision_index_even_if_a_late_change_arrives() {
        erase(deletionRequest(person, RightsRequestType.DELETION));

        try (Stream<AuditEvent> events = cpm.auditTrail.eventsOf(person)) {
            assertThat(events).isNotEmpty();
        }
        assertThat(cpm.decisionIndex.subject(person)).isEmpty();
        assertThat(cpm.decisionIndex.subjectOf(cpm.vault.hash(PHONE))).isEmpty();
    }

    @Test
    @DisplayName("PIPL Art. 46, 47: a person made of two merged records is erased whole; the absorbed record cannot be erased alone")
    void a_merged_person_is_erased_with_the_record_merged_into_them() {
        Identifier second = Identifier.phone("13722223333");
        cpm.recordConsent.record(aGrant().by(second).fromIp("198.51.100.99").of(MARKETING_SMS)
                .on(cpm.publish("privacy-policy", "2", false, MARKETING_SMS)).build());
        SubjectId absorbed = cpm.lookupSubject.lookup(List.of(second)).orElseThrow();
        cpm.mergeSubjects.merge(person, absorbed, InMemoryOpenCpm.ADMIN);
        AuditEvent absorbedGrant = chain().stream().filter(e -> absorbed.value().equals(e.subjectId())).findFirst().orElseThrow();
        assertThat(cpm.personalOf(absorbedGrant)).containsEntry("ip", "198.51.100.99");
        assertThatThrownBy(() -> cpm.erasure.erase(new EraseSubjectCommand(absorbed, EraseSubjectCommand.Reason.RETENTION,
                Optional.empty(), InMemoryOpenCpm.ADMIN))).isInstanceOf(org.opencpm.application.SubjectMergedException.class);
        assertThatThrownBy(() -> deletionRequest(absorbed, RightsRequestType.DELETION)).as("a request is the person's, filed on them")
                .isInstanceOf(org.opencpm.application.SubjectMergedException.class);

        assertThat(erase(deletionRequest(person, RightsRequestType.DELETION))).isEqualTo(ErasureStatus.ERASED);

        assertThat(cpm.lookupSubject.lookup(List.of(second))).isEmpty();
        assertThat(cpm.personalOf(absorbedGrant)).as("the absorbed record's key is gone too").isEmpty();
        assertThat(chain().getLast().details()).containsEntry("absorbedSubjects", "1").containsEntry("identifiers", "2");
        assertThat(cpm.verifyAudit.verify().valid()).isTrue();
    }

    @Test
    @DisplayName("PIPL Art. 19, 47 (2): retention erases without a request; the tombstone says why")
    void retention_erases_without_a_request() {
        assertThat(cpm.erasure.erase(new EraseSubjectCommand(person, EraseSubjectCommand.Reason.RETENTION, Optional.empty(),
                org.opencpm.application.port.in.Actor.SYSTEM))).isEqualTo(ErasureStatus.ERASED);

        assertThat(chain().getLast().details()).containsEntry("reason", "retention").doesNotContainKey("requestId");
        assertThat(cpm.lookupSubject.lookup(List.of(PHONE))).isEmpty();
        assertThat(cpm.erasure.erase(new EraseSubjectCommand(person, EraseSubjectCommand.Reason.RETENTION, Optional.empty(),
                org.opencpm.application.port.in.Actor.SYSTEM))).as("a second check finds it done").isEqualTo(ErasureStatus.ERASED);
    }

    @Test
    @DisplayName("PIPL Art. 50: the person's other open requests are answered at the erasure, not left to fall overdue")
    void other_open_requests_are_closed_with_the_erasure() {
        RightsRequest access = deletionRequest(person, RightsRequestType.ACCESS);

        erase(deletionRequest(person, RightsRequestType.DELETION));

        assertThat(cpm.rightsRequests.find(access.id()).status()).isEqualTo(RightsRequestStatus.COMPLETED);
        assertThat(cpm.rightsRequests.find(access.id()).resolution()).isEmpty();
        assertThat(chain().getLast().details()).containsEntry("openRequestsClosed", "2");
    }
}
