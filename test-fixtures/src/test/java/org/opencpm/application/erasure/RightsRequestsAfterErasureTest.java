package org.opencpm.application.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.application.SubjectErasedException;
import org.opencpm.application.port.in.EraseSubjectCommand;
import org.opencpm.application.port.in.ErasureStatus;
import org.opencpm.application.port.in.RecordRightsRequestCommand;
import org.opencpm.application.port.in.SubjectLocator;
import org.opencpm.domain.audit.AuditDraft;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.rights.RightsRequest;
import org.opencpm.domain.rights.RightsRequestStatus;
import org.opencpm.domain.rights.RightsRequestType;
import org.opencpm.domain.rights.Verification;
import org.opencpm.domain.rights.VerificationMethod;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.InMemoryOpenCpm;

/**
 * An erased person's other rights requests stay open until someone answers them; the answer must
 * not bring back what the erasure took (PIPL Art. 47): no free text kept in clear, and no new key
 * made for the erased person to seal it under.
 */
class RightsRequestsAfterErasureTest {

    private static final Identifier PHONE = Identifier.phone("13912345678");

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm().withPurposes(MARKETING_SMS);
    private final SubjectId person;
    private final RightsRequest access;

    RightsRequestsAfterErasureTest() {
        cpm.recordConsent.record(aGrant().by(PHONE).of(MARKETING_SMS).on(cpm.publish("privacy-policy", "1", false, MARKETING_SMS))
                .build());
        person = cpm.lookupSubject.lookup(List.of(PHONE)).orElseThrow();
        access = request(RightsRequestType.ACCESS);
        RightsRequest deletion = request(RightsRequestType.DELETION);
        assertThat(cpm.erasure.erase(new EraseSubjectCommand(person, EraseSubjectCommand.Reason.REQUEST, Optional.of(deletion.id()),
                InMemoryOpenCpm.ADMIN))).isEqualTo(ErasureStatus.ERASED);
        assertThat(cpm.subjectKeyStore.find(person)).isEmpty();
    }

    private RightsRequest request(RightsRequestType type) {
        return cpm.rightsRequests.record(new RecordRightsRequestCommand(SubjectLocator.byId(person), type, CollectionChannel.CALL_CENTRE,
                new Verification(VerificationMethod.OPERATOR, Optional.of("agent 7")), Optional.of("call back on 13912345678"),
                InMemoryOpenCpm.ADMIN));
    }

    private void assertNothingReadable(RightsRequest answered) {
        assertThat(answered.resolution()).isEmpty();
        assertThat(answered.note()).isEmpty();
        assertThat(cpm.subjectKeyStore.find(person)).as("no second key for an erased person").isEmpty();
        AuditEvent last = cpm.auditTrail.all().getLast();
        assertThat(cpm.personalOf(last)).isEmpty();
        assertThat(last.details().values()).noneMatch(v -> v.contains("13912345678"));
        assertThat(cpm.verifyAudit.verify().valid()).isTrue();
    }

    @Test
    @DisplayName("PIPL Art. 47, 50: an erased person's other open request was answered at the erasure; no note can be added after it")
    void an_erased_persons_open_request_is_answered_and_takes_no_more_text() {
        RightsRequest answered = cpm.rightsRequests.find(access.id());
        assertThat(answered.status()).isEqualTo(RightsRequestStatus.COMPLETED);
        assertNothingReadable(answered);

        assertThatThrownBy(() -> cpm.rightsRequests.complete(access.id(), Optional.of("posted to 13912345678"), InMemoryOpenCpm.ADMIN))
                .isInstanceOf(org.opencpm.domain.rights.RightsRequestTransitionException.class);
        assertThatThrownBy(() -> cpm.rightsRequests.reject(access.id(), "asked again from 13912345678", InMemoryOpenCpm.ADMIN))
                .isInstanceOf(org.opencpm.domain.rights.RightsRequestTransitionException.class);
        assertNothingReadable(cpm.rightsRequests.find(access.id()));
    }

    @Test
    @DisplayName("PIPL Art. 47: a new request for an erased person's id is subject-erased, and records nothing")
    void a_new_request_for_an_erased_person_is_refused() {
        int events = cpm.auditTrail.all().size();

        assertThatThrownBy(() -> request(RightsRequestType.CORRECTION)).isInstanceOf(SubjectErasedException.class);

        assertThat(cpm.auditTrail.all()).hasSize(events);
        assertThat(cpm.subjectKeyStore.find(person)).isEmpty();
    }

    @Test
    @DisplayName("PIPL Art. 47: whatever service tries it, the audit trail makes no new key for an erased person")
    void the_trail_seals_nothing_for_an_erased_person() {
        AuditDraft draft = AuditDraft.of(AuditEventType.SUBJECT_UPDATED, person.value(), null, null, cpm.clock.now(), cpm.clock.now(),
                InMemoryOpenCpm.ADMIN.id(), null, null, null, java.util.Map.of()).withPersonal(java.util.Map.of("note", "13912345678"));
        int events = cpm.auditTrail.all().size();

        assertThatThrownBy(() -> cpm.transactions.inTransaction(() -> cpm.ports.audit().append(draft)))
                .isInstanceOf(SubjectErasedException.class);

        assertThat(cpm.subjectKeyStore.find(person)).isEmpty();
        assertThat(cpm.auditTrail.all()).hasSize(events);
    }
}
