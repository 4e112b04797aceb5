package org.opencpm.application.consent;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opencpm.application.IdempotencyKeyReusedException;
import org.opencpm.application.Ports;
import org.opencpm.application.Retrying;
import org.opencpm.application.UnknownNoticeException;
import org.opencpm.application.UnknownPurposeException;
import org.opencpm.application.audit.PersonalData;
import org.opencpm.application.evidence.SealedAttachments;
import org.opencpm.application.port.in.ConsentReceipt;
import org.opencpm.application.port.in.RecordConsentCommand;
import org.opencpm.application.port.in.RecordConsentResult;
import org.opencpm.application.port.out.AttachmentStore;
import org.opencpm.application.port.out.ConcurrencyConflictException;
import org.opencpm.application.port.out.ConsentStore;
import org.opencpm.application.port.out.ErasureStore;
import org.opencpm.application.port.out.IdempotencyStore;
import org.opencpm.application.port.out.IdempotentOutcome;
import org.opencpm.application.port.out.IdentifierHash;
import org.opencpm.application.port.out.NoticeStore;
import org.opencpm.application.port.out.PurposeStore;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.application.subject.ErasedSubjects;
import org.opencpm.application.subject.SubjectResolver;
import org.opencpm.domain.ChinaTime;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.consent.ConsentRecorder;
import org.opencpm.domain.consent.ConsentRequest;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.notice.NoticeHistory;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.Subject;
import org.opencpm.domain.subject.SubjectId;

/**
 * Records one prepared consent event inside the caller's transaction, through the ports it was
 * made with: reads everything the rules need, lets the domain's {@link ConsentRecorder} accept or
 * refuse the event as a whole, and only then writes (with {@link ConsentWriter}) the state, the
 * audit events, the outbox entries, the evidence files and the idempotency outcome. The one path
 * for an event on its own (the stored ports) and for each event of a batch (a {@link
 * ConsentBatch}'s buffered ports): the rules are written once.
 */
final class OneEventRecorder {

    private final PurposeStore purposes;
    private final NoticeStore notices;
    private final SubjectStore subjects;
    private final ConsentStore consents;
    private final IdempotencyStore idempotency;
    private final ErasureStore erasures;
    private final SubjectResolver resolver;
    private final ConsentWriter writer;
    private final SealedAttachments attachments;

    OneEventRecorder(Ports ports, Retrying retrying, AttachmentStore attachments) {
        this.purposes = ports.purposes();
        this.notices = ports.notices();
        this.subjects = ports.subjects();
        this.consents = ports.consents();
        this.idempotency = ports.idempotency();
        this.erasures = ports.erasures();
        this.resolver = new SubjectResolver(ports.vault());
        this.writer = new ConsentWriter(ports, retrying);
        this.attachments = new SealedAttachments(attachments, new PersonalData(ports.subjectKeys(), ports.personalCipher(), erasures));
    }

    RecordConsentResult record(PreparedEvent event) {
        RecordConsentCommand command = event.command();
        if (command.idempotencyKey().isPresent()) {
            Optional<IdempotentOutcome> earlier = idempotency.find(command.idempotencyKey().get());
            if (earlier.isPresent()) {
                if (!earlier.get().fingerprint().equals(event.fingerprint().get())) {
                    throw new IdempotencyKeyReusedException(command.idempotencyKey().get());
                }
                return new RecordConsentResult(earlier.get().receipts(), true);
            }
        }

        List<Purpose> defined = command.purposes().stream()
                .map(code -> purposes.find(code).orElseThrow(() -> new UnknownPurposeException(code)))
                .toList();
        Optional<Notice> notice = command.notice()
                .map(ref -> notices.find(ref).orElseThrow(() -> new UnknownNoticeException(ref)));
        Optional<NoticeHistory> history = notice.map(n -> notices.history(n.ref().code()));

        SubjectResolver.Resolution resolution = resolver.lookUp(event.hashes().values(), subjects::findByIdentifier);
        Optional<SubjectId> known = resolution.subject();
        // the subject's erasure may have finished meanwhile (its identifiers are gone then): run again
        Optional<Subject> stored = known.map(id -> subjects.find(id)
                .orElseThrow(() -> new ConcurrencyConflictException("identifier leads to subject " + id + ", deleted meanwhile")));
        // connectors were sent the person's erasure: a grant after it would have platforms take them back (PIPL Art. 47)
        known.ifPresent(id -> ErasedSubjects.requireNotErasing(erasures, id));
        if (known.isPresent() && subjects.mergedInto(known.get()).isPresent()) {
            // Merged while this transaction looked the identifiers up (their links have moved to the
            // subject that absorbed it): run again, and record the event for that one.
            throw new ConcurrencyConflictException("subject " + known.get() + " was merged meanwhile");
        }
        LocalDate today = event.now().atZone(ChinaTime.ZONE).toLocalDate();
        Subject subject = stored.orElseGet(() -> Subject.register(SubjectId.newId(), event.now()))
                .withAgeFacts(command.subject().birthDate(), command.subject().minor(), today);
        Map<PurposeCode, Consent> current = stored.map(s -> consents.consentsOf(s.id())).orElse(Map.of());

        ConsentRequest request = new ConsentRequest(command.action(), defined, notice, history, command.evidence(),
                command.guardian(), Set.copyOf(command.subject().identifiers()), command.occurredAt().orElse(event.now()));
        ConsentRecorder.Recording recording = ConsentRecorder.record(request, subject, current, event.now());
        if (stored.isPresent() && !recording.tookEffect()) {
            recording = recording.keepingAgeFactsOf(stored.get());
        }

        Map<Identifier, IdentifierHash> newIdentifiers = new LinkedHashMap<>();
        event.hashes().forEach((identifier, hash) -> {
            if (resolution.isNew(hash)) {
                newIdentifiers.put(identifier, hash);
            }
        });
        RecordConsentResult result = new RecordConsentResult(writer.write(recording, stored.map(Subject::version), current,
                newIdentifiers, event.sealed(), command.guardian(), command.actor(), event.now()), false);
        // the files the audit events name, in the same transaction: kept with the event or not at all
        attachments.keep(subject.id(), command.evidence().attachments(), event.now());
        // A repeat gets the same receipts, but not a double opt-in token again: tokens are stored only as hashes.
        command.idempotencyKey().ifPresent(key -> idempotency.remember(key, new IdempotentOutcome(event.fingerprint().get(),
                result.receipts().stream().map(ConsentReceipt::withoutConfirmationToken).toList())));
        return result;
    }
}
