package org.opencpm.application.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencpm.application.IdentifierLinkedElsewhereException;
import org.opencpm.application.LastIdentifierException;
import org.opencpm.application.SubjectNotFoundException;
import org.opencpm.application.port.in.DecisionQuery;
import org.opencpm.application.port.in.ManageIdentifiersUseCase.IdentifiersChanged;
import org.opencpm.application.port.in.SubjectLocator;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.decision.Reason;
import org.opencpm.domain.decision.UsageRequest;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.InMemoryOpenCpm;

/** Adding and removing a subject's identifiers (PIPL Art. 46), on the in-memory adapters. */
class IdentifiersServiceTest {

    private static final Identifier PHONE = Identifier.phone("13800138011");
    private static final Identifier EMAIL = Identifier.email("Li.Lei@Example.cn");
    private static final Identifier OPENID = Identifier.wechatOpenid("o6_bmjrPTlm6_2sgVt7hMZOPfL2M", "wx1234");

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm().withPurposes(MARKETING_SMS);
    private final Notice policy = cpm.publish("privacy-policy", "1", false, MARKETING_SMS);
    private final SubjectId subject = cpm.recordConsent.record(aGrant().by(PHONE).of(MARKETING_SMS).on(policy).build())
            .receipts().get(0).subjectId();

    private Reason decide(Identifier who) {
        return cpm.decide.decide(new DecisionQuery(SubjectLocator.by(who), MARKETING_SMS.code(), UsageRequest.on(ContactChannel.SMS)))
                .decision().reason();
    }

    private AuditEvent lastEvent() {
        return cpm.auditTrail.all().get(cpm.auditTrail.all().size() - 1);
    }

    @Test
    void added_identifiers_find_the_subject_are_audited_by_type_and_told_to_connectors() {
        IdentifiersChanged added = cpm.identifiers.add(subject, List.of(EMAIL, OPENID, EMAIL), InMemoryOpenCpm.ADMIN);

        assertThat(added.changed()).isEqualTo(2);
        assertThat(added.version()).isEqualTo(2);
        assertThat(cpm.lookupSubject.lookup(List.of(Identifier.email("li.lei@example.cn")))).contains(subject);
        assertThat(decide(OPENID)).isEqualTo(Reason.GRANTED);
        AuditEvent audited = lastEvent();
        assertThat(audited.type()).isEqualTo(AuditEventType.SUBJECT_UPDATED);
        assertThat(audited.details()).containsEntry("change", "identifiers-added")
                .containsEntry("identifierTypes", "email:1,wechat_openid:1");
        assertThat(audited.details().toString()).doesNotContain("example.cn").doesNotContain(cpm.vault.hash(EMAIL).hex());
        ConsentChange told = cpm.outbox.changes().get(cpm.outbox.changes().size() - 1);
        assertThat(told.kind()).isEqualTo(ConsentChange.Kind.PREFERENCES);
        assertThat(told.version()).isEqualTo(2);
        assertThat(told.auditEventId()).isEqualTo(audited.eventId());

        int events = cpm.auditTrail.all().size();
        assertThat(cpm.identifiers.add(subject, List.of(EMAIL, PHONE), InMemoryOpenCpm.ADMIN).changed()).isZero();
        assertThat(cpm.auditTrail.all()).hasSize(events);
    }

    @Test
    void another_subject_s_identifier_is_refused_and_nothing_is_added() {
        SubjectId other = cpm.recordConsent.record(aGrant().by(EMAIL).of(MARKETING_SMS).on(policy).build()).receipts().get(0).subjectId();
        int events = cpm.auditTrail.all().size();

        assertThatThrownBy(() -> cpm.identifiers.add(subject, List.of(OPENID, EMAIL), InMemoryOpenCpm.ADMIN))
                .isInstanceOf(IdentifierLinkedElsewhereException.class).hasMessageContaining("identifiers[1]")
                .hasMessageNotContaining("example");

        assertThat(cpm.lookupSubject.lookup(List.of(OPENID))).isEmpty();
        assertThat(cpm.lookupSubject.lookup(List.of(EMAIL))).contains(other);
        assertThat(cpm.auditTrail.all()).hasSize(events);
    }

    @Test
    void a_removed_identifier_no_longer_finds_the_subject_and_the_last_cannot_go() {
        cpm.identifiers.add(subject, List.of(EMAIL), InMemoryOpenCpm.ADMIN);

        IdentifiersChanged removed = cpm.identifiers.remove(subject, List.of(EMAIL, OPENID), InMemoryOpenCpm.ADMIN);

        assertThat(removed.changed()).isEqualTo(1);
        assertThat(cpm.lookupSubject.lookup(List.of(EMAIL))).isEmpty();
        assertThat(decide(EMAIL)).isEqualTo(Reason.UNKNOWN_SUBJECT);
        assertThat(decide(PHONE)).isEqualTo(Reason.GRANTED);
        assertThat(lastEvent().details()).containsEntry("change", "identifiers-removed").containsEntry("identifierTypes", "email:1");
        assertThatThrownBy(() -> cpm.identifiers.remove(subject, List.of(PHONE), InMemoryOpenCpm.ADMIN))
                .isInstanceOf(LastIdentifierException.class);
        assertThat(cpm.lookupSubject.lookup(List.of(PHONE))).contains(subject);
        assertThatThrownBy(() -> cpm.identifiers.remove(SubjectId.of("sub_nobody"), List.of(PHONE), InMemoryOpenCpm.ADMIN))
                .isInstanceOf(SubjectNotFoundException.class);
        assertThat(cpm.verifyAudit.verify().valid()).isTrue();
    }
}
