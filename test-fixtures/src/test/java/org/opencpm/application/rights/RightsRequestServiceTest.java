package org.opencpm.application.rights;

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
import org.opencpm.application.RightsRequestNotFoundException;
import org.opencpm.application.SubjectNotFoundException;
import org.opencpm.application.port.in.RecordRightsRequestCommand;
import org.opencpm.application.port.in.RightsRequestQuery;
import org.opencpm.application.port.in.SubjectLocator;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.rights.RightsRequest;
import org.opencpm.domain.rights.RightsRequestStatus;
import org.opencpm.domain.rights.RightsRequestTransitionException;
import org.opencpm.domain.rights.RightsRequestType;
import org.opencpm.domain.rights.Verification;
import org.opencpm.domain.rights.VerificationMethod;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.ConsentEvents;
import org.opencpm.testfixtures.InMemoryOpenCpm;

class RightsRequestServiceTest {

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm().withPurposes(MARKETING_SMS);
    private final SubjectId person;

    RightsRequestServiceTest() {
        Notice notice = cpm.publish("privacy-policy", "1", false, MARKETING_SMS);
        cpm.recordConsent.record(aGrant().by(ConsentEvents.PHONE).of(MARKETING_SMS).on(notice).build());
        person = cpm.lookupSubject.lookup(List.of(ConsentEvents.PHONE)).orElseThrow();
    }

    private RightsRequest record(RightsRequestType type) {
        return cpm.rightsRequests.record(new RecordRightsRequestCommand(SubjectLocator.by(ConsentEvents.PHONE), type,
                CollectionChannel.CALL_CENTRE, new Verification(VerificationMethod.OPERATOR, Optional.of("agent 7")),
                Optional.of("by phone"), InMemoryOpenCpm.ADMIN));
    }

    private List<AuditEvent> chainOfPerson() {
        try (Stream<AuditEvent> events = cpm.auditTrail.eventsOf(person)) {
            return events.filter(e -> e.type().name().startsWith("RIGHTS_REQUEST")).toList();
        }
    }

    @Test
    @DisplayName("PIPL Art. 50, GB/T 35273 §8.7: a request is recorded for the person found by identifiers, due 15 days later, audited")
    void a_request_is_recorded_with_its_due_date_and_an_audit_event() {
        RightsRequest r = record(RightsRequestType.DELETION);

        assertThat(r.subject()).isEqualTo(person);
        assertThat(r.status()).isEqualTo(RightsRequestStatus.RECEIVED);
        assertThat(r.receivedAt()).isEqualTo(InMemoryOpenCpm.START);
        assertThat(r.dueAt()).isEqualTo(InMemoryOpenCpm.START.plus(Duration.ofDays(15)));
        assertThat(cpm.rightsRequests.find(r.id())).isEqualTo(r);

        AuditEvent event = chainOfPerson().getFirst();
        assertThat(event.type()).isEqualTo(AuditEventType.RIGHTS_REQUEST_RECEIVED);
        assertThat(event.actor()).isEqualTo(InMemoryOpenCpm.ADMIN.id());
        assertThat(event.state()).isEqualTo("received");
        assertThat(event.channel()).isEqualTo("call_centre");
        assertThat(event.details()).containsEntry("requestId", r.id()).containsEntry("requestType", "deletion")
                .containsEntry("verification", "operator").containsEntry("dueAt", r.dueAt().toString());
        assertThat(cpm.personalOf(event)).containsEntry("verifiedBy", "agent 7");
        assertThat(event.details().values()).as("no identifier in clear")
                .noneMatch(v -> v.contains(ConsentEvents.PHONE.value()) || v.contains("13800138000"));
        assertThat(cpm.verifyAudit.verify().valid()).isTrue();
    }

    @Test
    void the_deadline_is_the_operators() {
        RightsRequestService tenDays = new RightsRequestService(cpm.ports, Duration.ofDays(10));
        RightsRequest r = tenDays.record(new RecordRightsRequestCommand(SubjectLocator.byId(person), RightsRequestType.ACCESS,
                CollectionChannel.API, Verification.of(VerificationMethod.LOGIN), Optional.empty(), InMemoryOpenCpm.ADMIN));
        assertThat(r.dueAt()).isEqualTo(InMemoryOpenCpm.START.plus(Duration.ofDays(10)));
    }

    @Test
    void an_unknown_person_is_not_found_and_nothing_is_recorded() {
        int before = cpm.auditTrail.all().size();
        assertThatThrownBy(() -> cpm.rightsRequests.record(new RecordRightsRequestCommand(
                SubjectLocator.by(Identifier.phone("13900139000")), RightsRequestType.ACCESS, CollectionChannel.API,
                Verification.of(VerificationMethod.SMS_CODE), Optional.empty(), InMemoryOpenCpm.ADMIN)))
                .isInstanceOf(SubjectNotFoundException.class).hasMessageNotContaining("13900139000");
        assertThatThrownBy(() -> cpm.rightsRequests.record(new RecordRightsRequestCommand(SubjectLocator.byId(SubjectId.newId()),
                RightsRequestType.ACCESS, CollectionChannel.API, Verification.of(VerificationMethod.SMS_CODE), Optional.empty(),
                InMemoryOpenCpm.ADMIN))).isInstanceOf(SubjectNotFoundException.class);
        assertThat(cpm.auditTrail.all()).hasSize(before);
        assertThat(cpm.rightsRequestStore.list(Optional.empty(), Optional.empty(), 10)).isEmpty();
    }

    @Test
    void each_move_is_an_audit_event_saying_whether_it_was_on_time() {
        RightsRequest r = record(RightsRequestType.ACCESS);
        cpm.clock.advance(Duration.ofDays(1));
        cpm.rightsRequests.start(r.id(), InMemoryOpenCpm.ADMIN);
        cpm.clock.advance(Duration.ofDays(20));
        RightsRequest done = cpm.rightsRequests.complete(r.id(), Optional.of("copy sent"), InMemoryOpenCpm.ADMIN);

        assertThat(done.status()).isEqualTo(RightsRequestStatus.COMPLETED);
        assertThat(done.closedAt()).contains(InMemoryOpenCpm.START.plus(Duration.ofDays(21)));
        assertThat(chainOfPerson()).extracting(AuditEvent::type).containsExactly(AuditEventType.RIGHTS_REQUEST_RECEIVED,
                AuditEventType.RIGHTS_REQUEST_STARTED, AuditEventType.RIGHTS_REQUEST_COMPLETED);
        assertThat(chainOfPerson()).extracting(e -> e.details().get("onTime")).containsExactly(null, "true", "false");
        assertThat(cpm.personalOf(chainOfPerson().getLast())).containsEntry("note", "copy sent");
    }

    @Test
    void a_rejection_carries_its_reason_and_a_final_request_does_not_move() {
        RightsRequest r = record(RightsRequestType.DELETION);
        cpm.rightsRequests.reject(r.id(), "records kept by law (PIPL Art. 47 §2)", InMemoryOpenCpm.ADMIN);
        int events = cpm.auditTrail.all().size();

        assertThatThrownBy(() -> cpm.rightsRequests.complete(r.id(), Optional.empty(), InMemoryOpenCpm.ADMIN))
                .isInstanceOf(RightsRequestTransitionException.class);
        assertThat(cpm.auditTrail.all()).hasSize(events);
        assertThat(cpm.personalOf(chainOfPerson().getLast())).containsEntry("reason", "records kept by law (PIPL Art. 47 §2)");
        assertThatThrownBy(() -> cpm.rightsRequests.start("nope", InMemoryOpenCpm.ADMIN))
                .isInstanceOf(RightsRequestNotFoundException.class);
    }

    @Test
    void overdue_requests_are_listed_oldest_due_first_and_counted() {
        RightsRequest first = record(RightsRequestType.ACCESS);
        cpm.clock.advance(Duration.ofDays(2));
        RightsRequest second = record(RightsRequestType.CORRECTION);
        cpm.clock.advance(Duration.ofDays(2));
        RightsRequest answered = record(RightsRequestType.EXPLANATION);
        cpm.rightsRequests.complete(answered.id(), Optional.empty(), InMemoryOpenCpm.ADMIN);
        RightsRequest notYet = record(RightsRequestType.PORTABILITY);

        cpm.clock.set(first.receivedAt().plus(Duration.ofDays(18)));

        assertThat(cpm.rightsRequests.overdue()).isEqualTo(2);
        assertThat(cpm.rightsRequests.list(new RightsRequestQuery(Optional.empty(), true, 100)))
                .extracting(RightsRequest::id).containsExactly(first.id(), second.id());
        assertThat(cpm.rightsRequests.list(new RightsRequestQuery(Optional.of(RightsRequestStatus.RECEIVED), false, 100)))
                .extracting(RightsRequest::id).containsExactly(first.id(), second.id(), notYet.id());
        assertThat(cpm.rightsRequests.list(new RightsRequestQuery(Optional.of(RightsRequestStatus.COMPLETED), true, 100))).isEmpty();
    }
}
