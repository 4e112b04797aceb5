package org.opencpm.application.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.opencpm.application.IdempotencyKeyReusedException;
import org.opencpm.application.Ports;
import org.opencpm.application.Retrying;
import org.opencpm.application.UnknownNoticeException;
import org.opencpm.application.UnknownPurposeException;
import org.opencpm.application.audit.PersonalData;
import org.opencpm.application.evidence.SealedAttachments;
import org.opencpm.application.port.in.BatchItemResult;
import org.opencpm.application.port.in.ConsentReceipt;
import org.opencpm.application.port.in.RecordConsentBatchUseCase;
import org.opencpm.application.port.in.RecordConsentCommand;
import org.opencpm.application.port.in.RecordConsentResult;
import org.opencpm.application.port.in.RecordConsentUseCase;
import org.opencpm.application.port.out.AttachmentStore;
import org.opencpm.application.port.out.Clock;
import org.opencpm.application.port.out.ConcurrencyConflictException;
import org.opencpm.application.port.out.ConsentStore;
import org.opencpm.application.port.out.ErasureStore;
import org.opencpm.application.port.out.IdempotencyStore;
import org.opencpm.application.port.out.IdempotentOutcome;
import org.opencpm.application.port.out.IdentifierHash;
import org.opencpm.application.port.out.IdentityVault;
import org.opencpm.application.port.out.NoticeStore;
import org.opencpm.application.port.out.PurposeStore;
import org.opencpm.application.port.out.SealedIdentifier;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.application.subject.ErasedSubjects;
import org.opencpm.application.subject.SubjectResolver;
import org.opencpm.domain.ChinaTime;
import org.opencpm.domain.DomainException;
import org.opencpm.domain.InvalidValueException;
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
 * Records consent events. Reads everything the rules need, lets the domain's {@link
 * ConsentRecorder} accept or refuse the event as a whole, and only then writes, in one
 * transaction, the state, the audit events, the outbox entries and the evidence files the audit
 * events name (sealed under the person's key, ADR 0013). A repeat of an idempotency key writes
 * nothing again.
 */
public final class RecordConsentService implements RecordConsentUseCase, RecordConsentBatchUseCase {

    private final PurposeStore purposes;
    private final NoticeStore notices;
    private final SubjectStore subjects;
    private final ConsentStore consents;
    private final IdempotencyStore idempotency;
    private final ErasureStore erasures;
    private final IdentityVault vault;
    private final Clock clock;
    private final Retrying retrying;
    private final SubjectResolver resolver;
    private final ConsentWriter writer;
    private final SealedAttachments attachments;

    /** @param attachments where the events' evidence files are kept (ADR 0013) */
    public RecordConsentService(Ports ports, AttachmentStore attachments) {
        this.purposes = ports.purposes();
        this.notices = ports.notices();
        this.subjects = ports.subjects();
        this.consents = ports.consents();
        this.idempotency = ports.idempotency();
        this.erasures = ports.erasures();
        this.vault = ports.vault();
        this.clock = ports.clock();
        this.retrying = new Retrying(ports.transactions());
        this.resolver = new SubjectResolver(vault);
        this.writer = new ConsentWriter(ports, retrying);
        this.attachments = new SealedAttachments(attachments, new PersonalData(ports.subjectKeys(), ports.personalCipher(), erasures));
    }

    @Override
    public RecordConsentResult record(RecordConsentCommand command) {
        Instant now = clock.now();
        // Keyed hashes, encryption and the fingerprint depend on the command alone: worked out
        // before the transaction, so that it holds the database no longer than it must.
        Map<Identifier, IdentifierHash> hashes = resolver.hashes(command.subject().identifiers());
        Map<Identifier, SealedIdentifier> sealed = new LinkedHashMap<>();
        hashes.keySet().forEach(identifier -> sealed.put(identifier, vault.seal(identifier)));
        Optional<String> fingerprint = command.idempotencyKey().map(key -> fingerprint(command));
        return retrying.inTransaction(() -> recordNow(command, hashes, sealed, fingerprint, now));
    }

    @Override
    public List<BatchItemResult> recordAll(List<RecordConsentCommand> commands) {
        if (commands.size() > MAX_EVENTS) {
            throw new InvalidValueException("events", "at most " + MAX_EVENTS + " events in one batch");
        }
        List<BatchItemResult> results = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            try {
                results.add(BatchItemResult.recorded(i, record(commands.get(i))));
            } catch (DomainException refused) {
                results.add(BatchItemResult.refused(i, refused));
            }
        }
        return results;
    }

    private RecordConsentResult recordNow(RecordConsentCommand command, Map<Identifier, IdentifierHash> hashes,
                                          Map<Identifier, SealedIdentifier> sealed, Optional<String> fingerprint, Instant now) {
        if (command.idempotencyKey().isPresent()) {
            Optional<IdempotentOutcome> earlier = idempotency.find(command.idempotencyKey().get());
            if (earlier.isPresent()) {
                if (!earlier.get().fingerprint().equals(fingerprint.get())) {
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

        SubjectResolver.Resolution resolution = resolver.lookUp(hashes.values(), subjects::findByIdentifier);
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
        LocalDate today = now.atZone(ChinaTime.ZONE).toLocalDate();
        Subject subject = stored.orElseGet(() -> Subject.register(SubjectId.newId(), now))
                .withAgeFacts(command.subject().birthDate(), command.subject().minor(), today);
        Map<PurposeCode, Consent> current = stored.map(s -> consents.consentsOf(s.id())).orElse(Map.of());

        ConsentRequest request = new ConsentRequest(command.action(), defined, notice, history, command.evidence(),
                command.guardian(), Set.copyOf(command.subject().identifiers()), command.occurredAt().orElse(now));
        ConsentRecorder.Recording recording = ConsentRecorder.record(request, subject, current, now);
        if (stored.isPresent() && !recording.tookEffect()) {
            recording = recording.keepingAgeFactsOf(stored.get());
        }

        Map<Identifier, IdentifierHash> newIdentifiers = new LinkedHashMap<>();
        hashes.forEach((identifier, hash) -> {
            if (resolution.isNew(hash)) {
                newIdentifiers.put(identifier, hash);
            }
        });
        RecordConsentResult result = new RecordConsentResult(writer.write(recording, stored.map(Subject::version), current,
                newIdentifiers, sealed, command.guardian(), command.actor(), now), false);
        // the files the audit events name, in the same transaction: kept with the event or not at all
        attachments.keep(subject.id(), command.evidence().attachments(), now);
        // A repeat gets the same receipts, but not a double opt-in token again: tokens are stored only as hashes.
        command.idempotencyKey().ifPresent(key -> idempotency.remember(key, new IdempotentOutcome(fingerprint.get(),
                result.receipts().stream().map(ConsentReceipt::withoutConfirmationToken).toList())));
        return result;
    }

    /** A keyed fingerprint of what the event says, to tell a repeat from a different event. */
    private String fingerprint(RecordConsentCommand c) {
        String identifiers = c.subject().identifiers().stream().map(Identifier::canonical).collect(Collectors.toCollection(TreeSet::new)).toString();
        String guardian = c.guardian().map(g -> g.relation().code() + g.identifiers().stream().map(Identifier::canonical)
                .collect(Collectors.toCollection(TreeSet::new))).orElse("-");
        String text = String.join("\n", c.action().code(), new TreeSet<>(c.purposes()).toString(), identifiers,
                c.subject().birthDate().map(Object::toString).orElse("-"), c.subject().minor().map(Object::toString).orElse("-"),
                c.notice().map(Object::toString).orElse("-"), c.evidence().toString(), guardian,
                c.occurredAt().map(Object::toString).orElse("-"));
        return vault.pseudonym(text);
    }
}
