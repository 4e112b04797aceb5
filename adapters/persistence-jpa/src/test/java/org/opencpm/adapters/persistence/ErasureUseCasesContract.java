package org.opencpm.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.adapters.decisionindex.MemoryDecisionIndex;
import org.opencpm.adapters.persistence.erasure.JpaSubjectShredder;
import org.opencpm.adapters.vault.KeyedIdentityVault;
import org.opencpm.adapters.vault.PersonKeyCipher;
import org.opencpm.application.Ports;
import org.opencpm.application.audit.AuditService;
import org.opencpm.application.consent.RecordConsentService;
import org.opencpm.application.erasure.EraseSubjectService;
import org.opencpm.application.notice.PublishNoticeService;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.DefinePurposeCommand;
import org.opencpm.application.port.in.EraseSubjectCommand;
import org.opencpm.application.port.in.ErasureStatus;
import org.opencpm.application.port.in.PublishNoticeCommand;
import org.opencpm.application.port.in.RecordRightsRequestCommand;
import org.opencpm.application.port.in.SubjectLocator;
import org.opencpm.application.port.in.UpdatePreferencesCommand;
import org.opencpm.application.port.out.ConnectorRuntime;
import org.opencpm.application.port.out.ConnectorSubscriptions;
import org.opencpm.application.preference.ManagePreferencesService;
import org.opencpm.application.purpose.ManagePurposesService;
import org.opencpm.application.rights.RightsRequestService;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.rights.RightsRequest;
import org.opencpm.domain.rights.RightsRequestType;
import org.opencpm.domain.rights.Verification;
import org.opencpm.domain.rights.VerificationMethod;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.EvidenceFiles;
import org.opencpm.testfixtures.FixedClock;
import org.opencpm.testfixtures.Phones;

/**
 * Erasure on a database (PIPL Art. 47): after it, no table holds a row of the person but the
 * tombstone's (the erasure, the audit chain sealed, the rights request without its free text), the
 * chain verifies, and the evidence is not in any audit row. Runs on each database through a
 * subclass ({@code H2ErasureUseCasesTest}, {@code PostgreSqlErasureUseCasesTest}, {@code MariaDbErasureUseCasesTest}).
 */
public abstract class ErasureUseCasesContract extends OnDatabase {

    private static final Actor ADMIN = new Actor("key:test-admin");
    private static final ConnectorSubscriptions SUBSCRIPTIONS = change -> List.of("crm");

    private final FixedClock clock = new FixedClock(Instant.parse("2026-11-29T02:00:00Z"));
    private Ports ports;
    private Notice policy;

    @BeforeAll
    void wireTheApplication() {
        if (persistence == null) {
            return;
        }
        JpaPersistence p = persistence;
        ports = new Ports(p.purposes(), p.notices(), p.subjects(), p.consents(), p.preferences(), p.audit(), p.outbox(), SUBSCRIPTIONS,
                p.deadLetters(), ConnectorRuntime.NONE, p.idempotency(), p.confirmationTokens(), p.sendBudget(), new MemoryDecisionIndex(),
                p.decisionLog(), p.subjectStates(), p.apiKeys(), p.rightsRequests(), p.subjectKeys(), p.erasures(), p.shredder(),
                KeyedIdentityVault.withRandomKeys(), PersonKeyCipher.withRandomKeys(), clock, p.transactions());
        new ManagePurposesService(ports).define(new DefinePurposeCommand(MARKETING_SMS, ADMIN));
        policy = new PublishNoticeService(ports).publish(new PublishNoticeCommand(NoticeRef.of("privacy-policy", "2026-01"), "zh-CN",
                "隐私政策", Optional.of("我们如何处理您的个人信息"), Optional.empty(), Set.of(MARKETING_SMS.code()), false,
                Optional.of(clock.now().minus(Duration.ofDays(1))), ADMIN)).notice();
    }

    @Test
    @DisplayName("PIPL Art. 47: an erased person leaves no row but the tombstone's, and no evidence in the chain")
    void an_erased_person_leaves_no_row_but_the_tombstones() {
        String phone = Phones.unique();
        String ip = "198.18." + ThreadLocalRandom.current().nextInt(1, 255) + "." + ThreadLocalRandom.current().nextInt(1, 255);
        String key = "erasure-" + unique();
        RecordConsentService consents = new RecordConsentService(ports, persistence.attachments());
        consents.record(aGrant().by(Identifier.phone(phone)).fromIp(ip).of(MARKETING_SMS).on(policy).idempotencyKey(key)
                .attaching(EvidenceFiles.aSignature()).build());
        SubjectId person = ports.subjects().findByIdentifier(ports.vault().hash(Identifier.phone(phone))).orElseThrow();
        new ManagePreferencesService(ports).update(new UpdatePreferencesCommand(person, new Preferences(Map.of("promotions", false), Map.of(), Optional.empty(), Optional.empty()),
                CollectionChannel.API, ADMIN));
        RightsRequest request = new RightsRequestService(ports, Duration.ofDays(15)).record(new RecordRightsRequestCommand(
                SubjectLocator.byId(person), RightsRequestType.DELETION, CollectionChannel.CALL_CENTRE,
                new Verification(VerificationMethod.OPERATOR, Optional.of("agent 7")), Optional.of("delete me"), ADMIN));
        String id = person.value();
        assertThat(count("SELECT COUNT(*) FROM outbox_delivery WHERE subject_id = ?", id)).isPositive();
        assertThat(count("SELECT COUNT(*) FROM evidence_attachment WHERE subject_id = ?", id)).isEqualTo(1);

        ErasureStatus status = new EraseSubjectService(ports, Duration.ZERO).erase(new EraseSubjectCommand(person,
                EraseSubjectCommand.Reason.REQUEST, Optional.of(request.id()), ADMIN));

        assertThat(status).isEqualTo(ErasureStatus.ERASED);
        for (Map.Entry<String, String> table : Map.of("subject", "id", "subject_identifier", "subject_id", "consent", "subject_id",
                "preferences", "subject_id", "outbox", "subject_id", "outbox_delivery", "subject_id",
                "send_budget", "subject_id", "confirmation_token", "subject_id", "evidence_attachment", "subject_id").entrySet()) {
            assertThat(count("SELECT COUNT(*) FROM " + table.getKey() + " WHERE " + table.getValue() + " = ?", id))
                    .as(table.getKey()).isZero();
        }
        assertThat(count("SELECT COUNT(*) FROM rights_request WHERE subject_id = ? AND note IS NULL AND verified_by = ?", id,
                RightsRequest.ERASED_TEXT)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM subject_erasure WHERE subject_id = ? AND erased_at IS NOT NULL", id)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE subject_id = ? AND type = 'subject_erased'", id)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE details LIKE ? OR details LIKE ? OR details LIKE ?",
                "%" + ip + "%", "%" + phone + "%", "%delete me%")).isZero();
        assertThat(new AuditService(ports).verify().valid()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM idempotency WHERE idempotency_key = ? AND fingerprint = ? AND receipts NOT LIKE ?", key,
                JpaSubjectShredder.ERASED_FINGERPRINT, "%" + id + "%")).as("the key kept, emptied").isEqualTo(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> consents.record(aGrant().by(Identifier.phone(phone)).fromIp(ip)
                        .of(MARKETING_SMS).on(policy).idempotencyKey(key).build()))
                .as("a replay does not bring the person back").isInstanceOf(org.opencpm.application.IdempotencyKeyReusedException.class);
        assertThat(ports.subjects().findByIdentifier(ports.vault().hash(Identifier.phone(phone)))).isEmpty();
        assertThat(ports.personalData().open(ports.audit().eventsOf(person).findFirst().orElseThrow()).data()).isEmpty();
    }
}
