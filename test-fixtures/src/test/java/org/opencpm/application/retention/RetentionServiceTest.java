package org.opencpm.application.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.ConsentEvents.aWithdrawal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.CheckRetentionUseCase.RetentionReport;
import org.opencpm.application.port.in.EraseSubjectCommand;
import org.opencpm.application.port.in.EraseSubjectUseCase;
import org.opencpm.application.port.in.ErasureStatus;
import org.opencpm.application.port.in.RecordRightsRequestCommand;
import org.opencpm.application.port.in.SubjectLocator;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.purpose.DataElement;
import org.opencpm.domain.purpose.LegalBasis;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCategory;
import org.opencpm.domain.rights.RightsRequest;
import org.opencpm.domain.rights.RightsRequestType;
import org.opencpm.domain.rights.Verification;
import org.opencpm.domain.rights.VerificationMethod;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.InMemoryOpenCpm;

class RetentionServiceTest {

    private static final Instant NOW = InMemoryOpenCpm.START;
    /** Kept 30 days after consent to it ended. */
    private static final Purpose NEWS = Purpose.builder("news-sms").name("zh", "资讯短信").category(PurposeCategory.MARKETING)
            .dataElement(DataElement.named("phone")).retentionDays(30).build();
    /** No retention declared. */
    private static final Purpose SURVEYS = Purpose.builder("surveys").name("zh", "问卷").category(PurposeCategory.MARKETING)
            .dataElement(DataElement.named("phone")).build();
    /** On a contract. */
    private static final Purpose DELIVERY = Purpose.builder("delivery").name("zh", "配送").category(PurposeCategory.SERVICE)
            .legalBasis(LegalBasis.CONTRACT).necessary(true).dataElement(DataElement.named("phone")).retentionDays(1).build();

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm();
    private final Notice policy;
    private final List<EraseSubjectCommand> erasures = new ArrayList<>();
    private final EraseSubjectUseCase recordingEraser = new EraseSubjectUseCase() {
        @Override
        public ErasureStatus erase(EraseSubjectCommand command) {
            erasures.add(command);
            return ErasureStatus.ERASING;
        }

        @Override
        public int finishDue() {
            return 0;
        }
    };

    RetentionServiceTest() {
        cpm.clock.set(NOW.minus(Duration.ofDays(200)));
        cpm.withPurposes(NEWS, SURVEYS, DELIVERY);
        policy = cpm.publish("privacy-policy", "2026-01", false, NEWS, SURVEYS, DELIVERY);
        cpm.clock.set(NOW);
    }

    /** A person who granted {@code purpose} 100 days ago and withdrew {@code daysAgo} days ago. */
    private SubjectId withdrewDaysAgo(String phone, Purpose purpose, int daysAgo) {
        Identifier who = Identifier.phone(phone);
        cpm.recordConsent.record(aGrant().by(who).of(purpose).on(policy).at(NOW.minus(Duration.ofDays(100))).build());
        return cpm.recordConsent.record(aWithdrawal().by(who).of(purpose).at(NOW.minus(Duration.ofDays(daysAgo))).build())
                .receipts().get(0).subjectId();
    }

    private RetentionService reportingOnly() {
        return new RetentionService(cpm.ports, Optional.empty());
    }

    private List<AuditEvent> erasureDueEvents() {
        return cpm.auditTrail.all().stream().filter(e -> e.type() == AuditEventType.ERASURE_DUE).toList();
    }

    @Test
    @DisplayName("PIPL Art. 19, 47: a person past retention with no basis left is reported erasure-due once, since when they became due")
    void a_person_past_retention_is_reported_once() {
        SubjectId person = withdrewDaysAgo("13800138011", NEWS, 40);

        assertThat(reportingOnly().check()).isEqualTo(new RetentionReport(1, 1, 0, 0));

        assertThat(erasureDueEvents()).singleElement().satisfies(event -> {
            assertThat(event.subjectId()).isEqualTo(person.value());
            assertThat(event.occurredAt()).isEqualTo(NOW.minus(Duration.ofDays(10)));
            assertThat(event.recordedAt()).isEqualTo(NOW);
            assertThat(event.actor()).isEqualTo("system");
            assertThat(event.detail("reason")).isEqualTo("retention");
            assertThat(event.detail("purposes")).isEqualTo("news-sms");
            assertThat(event.detail("erase")).isEqualTo("false");
        });
        int events = cpm.auditTrail.all().size();

        cpm.clock.advance(Duration.ofHours(1));
        assertThat(reportingOnly().check()).isEqualTo(new RetentionReport(1, 0, 0, 0));
        assertThat(cpm.auditTrail.all()).hasSize(events);
        assertThat(cpm.verifyAudit.verify().valid()).isTrue();
    }

    @Test
    void with_erasure_on_each_due_person_is_erased_for_retention_by_the_system() {
        SubjectId person = withdrewDaysAgo("13800138012", NEWS, 31);

        assertThat(new RetentionService(cpm.ports, Optional.of(recordingEraser)).check()).isEqualTo(new RetentionReport(1, 1, 1, 0));

        assertThat(erasures).containsExactly(new EraseSubjectCommand(person, EraseSubjectCommand.Reason.RETENTION, Optional.empty(),
                Actor.SYSTEM));
        assertThat(erasureDueEvents()).singleElement().satisfies(event -> assertThat(event.detail("erase")).isEqualTo("true"));
    }

    @Test
    void nobody_is_due_while_a_consent_is_in_force_retention_runs_or_another_basis_or_no_retention_holds() {
        Identifier granted = Identifier.phone("13800138013");
        cpm.recordConsent.record(aGrant().by(granted).of(NEWS).on(policy).at(NOW.minus(Duration.ofDays(100))).build());
        withdrewDaysAgo("13800138014", NEWS, 29);
        withdrewDaysAgo("13800138015", SURVEYS, 99);
        Identifier both = Identifier.phone("13800138016");
        withdrewDaysAgo(both.value(), NEWS, 99);
        cpm.recordConsent.record(aGrant().by(both).of(DELIVERY).on(policy).at(NOW.minus(Duration.ofDays(98))).build());
        cpm.recordConsent.record(aWithdrawal().by(both).of(DELIVERY).at(NOW.minus(Duration.ofDays(97))).build());

        assertThat(new RetentionService(cpm.ports, Optional.of(recordingEraser)).check()).isEqualTo(new RetentionReport(0, 0, 0, 0));
        assertThat(erasures).isEmpty();
        assertThat(erasureDueEvents()).isEmpty();
    }

    @Test
    @DisplayName("PIPL Art. 45-47: a person with a rights request still open is not erased for retention until it is answered")
    void an_open_rights_request_keeps_the_person_until_answered() {
        withdrewDaysAgo("13800138017", NEWS, 60);
        RightsRequest open = cpm.rightsRequests.record(new RecordRightsRequestCommand(SubjectLocator.by(Identifier.phone("13800138017")),
                RightsRequestType.ACCESS, CollectionChannel.CALL_CENTRE, new Verification(VerificationMethod.OPERATOR, Optional.of("agent 7")),
                Optional.empty(), InMemoryOpenCpm.ADMIN));
        RetentionService erasing = new RetentionService(cpm.ports, Optional.of(recordingEraser));

        assertThat(erasing.check().due()).isZero();
        assertThat(erasures).isEmpty();

        cpm.rightsRequests.complete(open.id(), Optional.of("sent"), InMemoryOpenCpm.ADMIN);
        assertThat(erasing.check().erased()).isEqualTo(1);
    }

    @Test
    void an_erasure_that_fails_is_counted_and_the_others_still_go_ahead() {
        withdrewDaysAgo("13800138018", NEWS, 50);
        withdrewDaysAgo("13800138019", NEWS, 50);
        List<SubjectId> tried = new ArrayList<>();
        EraseSubjectUseCase flaky = new EraseSubjectUseCase() {
            @Override
            public ErasureStatus erase(EraseSubjectCommand command) {
                tried.add(command.subject());
                if (tried.size() == 1) {
                    throw new IllegalStateException("the vault is busy");
                }
                return ErasureStatus.ERASED;
            }

            @Override
            public int finishDue() {
                return 0;
            }
        };

        assertThat(new RetentionService(cpm.ports, Optional.of(flaky), 1).check()).isEqualTo(new RetentionReport(2, 2, 1, 1));
        assertThat(tried).hasSize(2).doesNotHaveDuplicates();
    }
}
