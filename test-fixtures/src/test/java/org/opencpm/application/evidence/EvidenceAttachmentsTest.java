package org.opencpm.application.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.ConsentEvents.aWithdrawal;
import static org.opencpm.testfixtures.Purposes.HEALTH_ADVICE;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;
import static org.opencpm.testfixtures.Purposes.PERSONALIZATION;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.application.AttachmentNotFoundException;
import org.opencpm.application.SubjectErasedException;
import org.opencpm.application.SubjectMergedException;
import org.opencpm.application.audit.AuditRecords;
import org.opencpm.application.port.in.AttachmentFile;
import org.opencpm.application.port.in.ConsentReceipt;
import org.opencpm.application.port.in.ExportedEvent;
import org.opencpm.application.port.in.SubjectConsents;
import org.opencpm.application.port.in.SubjectExportSink;
import org.opencpm.application.port.out.Delivery;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.application.port.in.EraseSubjectCommand;
import org.opencpm.application.port.in.ErasureStatus;
import org.opencpm.application.port.in.RecordRightsRequestCommand;
import org.opencpm.application.port.in.SubjectLocator;
import org.opencpm.application.port.out.KeptAttachment;
import org.opencpm.application.port.out.SealedAttachment;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.audit.CanonicalForm;
import org.opencpm.domain.consent.Attachment;
import org.opencpm.domain.consent.AttachmentHash;
import org.opencpm.domain.consent.SeparateConsentPolicy;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.rights.RightsRequest;
import org.opencpm.domain.rights.RightsRequestType;
import org.opencpm.domain.rights.Verification;
import org.opencpm.domain.rights.VerificationMethod;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.EvidenceFiles;
import org.opencpm.testfixtures.InMemoryOpenCpm;

/**
 * A store clerk records a consent and the customer signs on a tablet: the signature is kept as
 * evidence by its hash, sealed under the person's key, named in the hashed part of the audit event,
 * shown to an auditor, listed in the person's export, and gone with the person's erasure (ADR 0013).
 */
class EvidenceAttachmentsTest {

    private static final Identifier PHONE = Identifier.phone("13912340000");

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm().withPurposes(MARKETING_SMS, HEALTH_ADVICE, PERSONALIZATION);
    private final Notice policy = cpm.publish("privacy-policy", "1", false, MARKETING_SMS, HEALTH_ADVICE, PERSONALIZATION);
    private final Attachment signature = EvidenceFiles.aSignature();
    private final Attachment form = EvidenceFiles.aScannedForm();

    private SubjectId grantSigned(Attachment... files) {
        return cpm.recordConsent.record(aGrant().by(PHONE).of(MARKETING_SMS).on(policy).attaching(files).build()).receipts().get(0).subjectId();
    }

    private List<AuditEvent> consentEvents() {
        return cpm.auditTrail.all().stream().filter(e -> e.type() == AuditEventType.CONSENT_RECORDED).toList();
    }

    @Test
    @DisplayName("PIPL Art. 14, 54: a signed grant keeps the signature by its hash and names it in the hashed audit details, never its bytes")
    void a_signature_is_kept_by_hash_and_covered_by_the_chain() {
        SubjectId person = grantSigned(signature, form);

        AuditEvent grant = consentEvents().getFirst();
        assertThat(grant.detail(AuditRecords.ATTACHMENTS)).isEqualTo("signature image/png " + signature.hash().tagged()
                + "; document application/pdf " + form.hash().tagged());
        assertThat(CanonicalForm.of(grant)).as("the hash covers the detail").contains(signature.hash().hex());
        assertThat(cpm.verifyAudit.verify().valid()).isTrue();

        AttachmentFile shown = cpm.viewAttachment.attachment(person, signature.hash());
        assertThat(shown.content()).isEqualTo(signature.content());
        assertThat(shown.mediaType().value()).isEqualTo("image/png");
        assertThat(cpm.viewAttachment.attachment(person, form.hash()).content()).isEqualTo(form.content());
        assertThat(cpm.attachmentStore.keptFor(person)).extracting(KeptAttachment::hash).containsExactlyInAnyOrder(signature.hash(), form.hash());
    }

    @Test
    @DisplayName("PIPL Art. 47: the stored file is sealed under the person's key: its bytes are nowhere in clear, and it opens for no one else")
    void the_file_is_sealed_under_the_persons_key() {
        SubjectId person = grantSigned(signature);
        SealedAttachment stored = cpm.attachmentStore.find(person, signature.hash()).orElseThrow();

        assertThat(indexOf(stored.sealed(), java.util.Arrays.copyOfRange(signature.content(), 8, 40))).as("no clear bytes").isNegative();
        assertThat(cpm.auditTrail.all()).allSatisfy(e -> assertThat(CanonicalForm.of(e)).doesNotContain(
                java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(signature.content(), 0, 30))));

        SubjectId other = cpm.recordConsent.record(aGrant().by(Identifier.phone("13912349999")).of(MARKETING_SMS).on(policy)
                .attaching(form).build()).receipts().get(0).subjectId();
        cpm.attachmentStore.keep(other, new SealedAttachment(new KeptAttachment(signature.hash(), signature.mediaType(), signature.size(),
                cpm.clock.now()), stored.sealed()));
        assertThatThrownBy(() -> cpm.viewAttachment.attachment(other, signature.hash()))
                .as("moved to another person, it does not open under their key").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_file_of_another_person_or_an_unknown_hash_is_not_found() {
        SubjectId person = grantSigned(signature);
        SubjectId other = cpm.recordConsent.record(aGrant().by(Identifier.phone("13912349999")).of(MARKETING_SMS).on(policy).build())
                .receipts().get(0).subjectId();

        assertThatThrownBy(() -> cpm.viewAttachment.attachment(other, signature.hash())).isInstanceOf(AttachmentNotFoundException.class);
        assertThatThrownBy(() -> cpm.viewAttachment.attachment(person, AttachmentHash.of(new byte[] {1})))
                .isInstanceOf(AttachmentNotFoundException.class);
        assertThatThrownBy(() -> cpm.viewAttachment.attachment(SubjectId.newId(), signature.hash()))
                .isInstanceOf(org.opencpm.application.SubjectNotFoundException.class);
    }

    @Test
    @DisplayName("the same signature shown again, or the same event replayed, is kept once; each event still names it")
    void a_file_is_kept_once_per_person() {
        SubjectId person = cpm.recordConsent.record(aGrant().by(PHONE).of(MARKETING_SMS, PERSONALIZATION).on(policy).attaching(signature)
                .idempotencyKey("tablet-7-0001").build()).receipts().get(0).subjectId();
        cpm.recordConsent.record(aGrant().by(PHONE).of(MARKETING_SMS, PERSONALIZATION).on(policy).attaching(signature)
                .idempotencyKey("tablet-7-0001").build());
        cpm.recordConsent.record(aWithdrawal().by(PHONE).of(PERSONALIZATION).attaching(signature).build());

        assertThat(cpm.attachmentStore.keptFor(person)).hasSize(1);
        assertThat(consentEvents()).hasSize(3).allSatisfy(e -> assertThat(e.detail(AuditRecords.ATTACHMENTS)).contains(signature.hash().hex()));
    }

    @Test
    @DisplayName("all or nothing: a refused event keeps no file, and a file that cannot be kept takes the whole event back")
    void a_refused_event_keeps_no_file() {
        assertThatThrownBy(() -> cpm.recordConsent.record(aGrant().by(PHONE).of(MARKETING_SMS, HEALTH_ADVICE).on(policy)
                .attaching(signature).build())).isInstanceOf(SeparateConsentPolicy.BundledConsentException.class);
        assertThat(cpm.attachmentStore.all()).isEmpty();

        cpm.outbox.failNextEnqueue(new IllegalStateException("database connection lost"));
        assertThatThrownBy(() -> grantSigned(signature)).hasMessageContaining("connection lost");
        assertThat(cpm.attachmentStore.all()).isEmpty();

        cpm.attachmentStore.failNextKeep(new IllegalStateException("disk full"));
        assertThatThrownBy(() -> grantSigned(EvidenceFiles.aSignature(), signature)).hasMessageContaining("disk full");
        assertThat(cpm.attachmentStore.all()).as("the file kept before the failure is taken back").isEmpty();
        assertThat(cpm.subjectKeyStore.size()).as("and the key made for it").isZero();
        assertThat(cpm.subjectStore.count()).as("and the event itself").isZero();
        assertThat(consentEvents()).isEmpty();
    }

    @Test
    @DisplayName("PIPL Art. 45: the person's export lists their files by hash, format and size")
    void the_export_lists_the_files() {
        SubjectId person = grantSigned(signature, form);
        List<KeptAttachment> listed = new ArrayList<>();
        cpm.exportSubject.export(person, InMemoryOpenCpm.ADMIN).writeTo(new ListingSink(listed));

        assertThat(listed).extracting(KeptAttachment::hash, KeptAttachment::size).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(signature.hash(), signature.size()), org.assertj.core.groups.Tuple.tuple(form.hash(), form.size()));
    }

    @Test
    @DisplayName("PIPL Art. 46: after a merge the person's files include those of the record merged into them")
    void a_merged_records_files_are_the_persons() {
        SubjectId person = grantSigned(signature);
        SubjectId absorbed = cpm.recordConsent.record(aGrant().by(Identifier.phone("13912349999")).of(MARKETING_SMS).on(policy)
                .attaching(form).build()).receipts().get(0).subjectId();

        cpm.mergeSubjects.merge(person, absorbed, InMemoryOpenCpm.ADMIN);

        assertThat(cpm.viewAttachment.attachment(person, form.hash()).content()).isEqualTo(form.content());
        assertThatThrownBy(() -> cpm.viewAttachment.attachment(absorbed, form.hash())).isInstanceOf(SubjectMergedException.class);
    }

    @Test
    @DisplayName("PIPL Art. 47: erasure destroys the key the files were sealed under and deletes them; asking for one is 410, the chain still verifies")
    void erasure_takes_the_files_with_it() {
        SubjectId person = grantSigned(signature);
        SubjectId absorbed = cpm.recordConsent.record(aGrant().by(Identifier.phone("13912349999")).of(MARKETING_SMS).on(policy)
                .attaching(form).build()).receipts().get(0).subjectId();
        cpm.mergeSubjects.merge(person, absorbed, InMemoryOpenCpm.ADMIN);
        RightsRequest deletion = cpm.rightsRequests.record(new RecordRightsRequestCommand(SubjectLocator.byId(person),
                RightsRequestType.DELETION, CollectionChannel.STORE, new Verification(VerificationMethod.OPERATOR, Optional.of("clerk 3")),
                Optional.empty(), InMemoryOpenCpm.ADMIN));

        assertThat(cpm.erasure.erase(new EraseSubjectCommand(person, EraseSubjectCommand.Reason.REQUEST, Optional.of(deletion.id()),
                InMemoryOpenCpm.ADMIN))).isEqualTo(ErasureStatus.ERASED);

        assertThat(cpm.attachmentStore.all()).isEmpty();
        assertThat(cpm.auditTrail.all().getLast().details()).containsEntry("attachments", "2");
        assertThatThrownBy(() -> cpm.viewAttachment.attachment(person, signature.hash())).isInstanceOf(SubjectErasedException.class);
        assertThat(cpm.verifyAudit.verify().valid()).isTrue();
        assertThat(consentEvents().getFirst().detail(AuditRecords.ATTACHMENTS)).as("the chain still names the file").contains(signature.hash().hex());
    }

    /** Keeps the export's list of files; the rest is read and dropped. */
    private record ListingSink(List<KeptAttachment> listed) implements SubjectExportSink {
        @Override public void begin(SubjectId subject, Instant exportedAt) { }
        @Override public void identifiers(Stream<Identifier> identifiers) { identifiers.forEach(i -> { }); }
        @Override public void consents(Stream<SubjectConsents.Entry> consents) { consents.forEach(c -> { }); }
        @Override public void preferences(Optional<Preferences> preferences) { }
        @Override public void history(Stream<ExportedEvent> events) { events.forEach(e -> { }); }
        @Override public void notices(Stream<Notice> notices) { notices.forEach(n -> { }); }
        @Override public void receipts(Stream<ConsentReceipt> receipts) { receipts.forEach(r -> { }); }
        @Override public void attachments(Stream<KeptAttachment> attachments) { attachments.forEach(listed::add); }
        @Override public void deliveries(Stream<Delivery> deliveries) { deliveries.forEach(d -> { }); }
        @Override public void end() { }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
