package org.opencpm.application.subject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.opencpm.application.Ports;
import org.opencpm.application.Retrying;
import org.opencpm.application.SubjectErasedException;
import org.opencpm.application.SubjectNotFoundException;
import org.opencpm.application.port.out.Erasure;
import org.opencpm.application.port.out.ErasureStore;
import org.opencpm.application.audit.AuditRecords;
import org.opencpm.application.audit.PersonalData;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.ConsentReceipt;
import org.opencpm.application.port.in.ExportSubjectUseCase;
import org.opencpm.application.port.in.ExportedEvent;
import org.opencpm.application.port.in.SubjectConsents;
import org.opencpm.application.port.in.SubjectExport;
import org.opencpm.application.port.in.SubjectExportSink;
import org.opencpm.application.port.out.AttachmentStore;
import org.opencpm.application.port.out.AuditTrail;
import org.opencpm.application.port.out.Clock;
import org.opencpm.application.port.out.ConsentStore;
import org.opencpm.application.port.out.DeadLetters;
import org.opencpm.application.port.out.Delivery;
import org.opencpm.application.port.out.IdentityVault;
import org.opencpm.application.port.out.NoticeStore;
import org.opencpm.application.port.out.PreferenceStore;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.domain.audit.AuditDraft;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/**
 * A person's export (PIPL Art. 45): identifiers opened from the vault, consents now, preferences,
 * the whole history with each event's sealed personal data opened with the person's key, the
 * notice versions they saw with their text, the receipts of their consent events, the evidence
 * files kept from them (listed by hash, ADR 0013) and the deliveries of their changes to connectors. The history is streamed from the audit trail (read a
 * page at a time by the database trail) and the deliveries a page at a time, each element handed to
 * the sink as it is read, so a long history is never held whole: only the notice versions referred
 * to are remembered (a handful). The receipts are a second pass over the trail rather than a list
 * kept from the first.
 *
 * <p>The export is recorded in the person's chain before it is read ({@code subject_exported}, the
 * API key as actor, no identifier in it), so that it appears in its own history, and so that an
 * export that fails half-way is on record too: part of the data may have left.
 */
public final class ExportSubjectService implements ExportSubjectUseCase {

    /** Deliveries read per page. */
    static final int DELIVERY_PAGE = 500;

    private final SubjectStore subjects;
    private final ConsentStore consents;
    private final PreferenceStore preferences;
    private final AuditTrail audit;
    private final NoticeStore notices;
    private final DeadLetters deliveries;
    private final IdentityVault vault;
    private final PersonalData personalData;
    private final Clock clock;
    private final Retrying retrying;
    private final ErasureStore erasures;
    private final AttachmentStore attachments;

    /** @param attachments where the evidence files of consent events are kept: the export lists them */
    public ExportSubjectService(Ports ports, AttachmentStore attachments) {
        this.subjects = ports.subjects();
        this.consents = ports.consents();
        this.preferences = ports.preferences();
        this.audit = ports.audit();
        this.notices = ports.notices();
        this.deliveries = ports.deadLetters();
        this.vault = ports.vault();
        this.personalData = ports.personalData();
        this.clock = ports.clock();
        this.retrying = new Retrying(ports.transactions());
        this.erasures = ports.erasures();
        this.attachments = attachments;
    }

    @Override
    public SubjectExport export(SubjectId subject, Actor actor) {
        AuditEvent recorded = retrying.inTransaction(() -> {
            if (subjects.find(subject).isEmpty()) {
                if (erasures.find(subject).filter(Erasure::finished).isPresent()) {
                    throw new SubjectErasedException(subject); // nothing of them is left to hand out
                }
                throw new SubjectNotFoundException(subject);
            }
            MergedSubjects.requireOwn(subjects, subject); // a record merged into another: export that one
            Instant now = clock.now();
            return audit.append(AuditDraft.of(AuditEventType.SUBJECT_EXPORTED, subject.value(), null, null, now, now, actor.id(),
                    null, null, null, Map.of("format", SubjectExport.FORMAT)));
        });
        return new Export(subject, recorded.recordedAt());
    }

    private final class Export implements SubjectExport {

        private final SubjectId subject;
        private final Instant exportedAt;

        Export(SubjectId subject, Instant exportedAt) {
            this.subject = subject;
            this.exportedAt = exportedAt;
        }

        @Override
        public SubjectId subject() {
            return subject;
        }

        @Override
        public Instant exportedAt() {
            return exportedAt;
        }

        @Override
        public void writeTo(SubjectExportSink sink) {
            Set<NoticeRef> seen = new LinkedHashSet<>();
            sink.begin(subject, exportedAt);
            sink.identifiers(subjects.identifiersOf(subject).stream().map(linked -> vault.open(linked.sealed())));
            List<Consent> current = consents.consentsOf(subject).values().stream().sorted(Comparator.comparing(Consent::purpose)).toList();
            current.forEach(consent -> consent.notice().ifPresent(stamp -> seen.add(stamp.ref())));
            Instant now = clock.now();
            sink.consents(current.stream().map(consent -> new SubjectConsents.Entry(consent, consent.stateAt(now))));
            sink.preferences(preferences.find(subject));
            // the person's own events and those of every record merged into them (PIPL Art. 46), in chain order
            List<SubjectId> records = new ArrayList<>();
            records.add(subject);
            records.addAll(subjects.absorbedBy(subject));
            try (Stream<AuditEvent> events = JoinedHistory.of(audit, records)) {
                sink.history(events.map(event -> {
                    if (event.noticeCode() != null && event.noticeVersion() != null) {
                        seen.add(NoticeRef.of(event.noticeCode(), event.noticeVersion()));
                    }
                    return exported(event);
                }));
            }
            sink.notices(seen.stream().map(notices::find).flatMap(Optional::stream));
            try (Stream<AuditEvent> events = JoinedHistory.of(audit, records)) {
                sink.receipts(events.filter(e -> e.type() == AuditEventType.CONSENT_RECORDED && e.purpose() != null && e.state() != null)
                        .map(ExportSubjectService::receipt));
            }
            sink.attachments(records.stream().flatMap(record -> attachments.keptFor(record).stream()));
            sink.deliveries(records.stream().flatMap(ExportSubjectService.this::deliveriesOf));
            sink.end();
        }
    }

    private ExportedEvent exported(AuditEvent event) {
        return switch (personalData.open(event)) {
            case PersonalData.Readable readable -> new ExportedEvent(event, readable.data(), ExportedEvent.Personal.READABLE);
            case PersonalData.None none -> new ExportedEvent(event, Map.of(), ExportedEvent.Personal.NONE);
            case PersonalData.Erased erased -> new ExportedEvent(event, Map.of(), ExportedEvent.Personal.ERASED);
        };
    }

    /** A consent event as its receipt: the event's id, what it recorded, and the hash that proves it. */
    private static ConsentReceipt receipt(AuditEvent e) {
        String version = e.detail("version");
        return new ConsentReceipt(e.eventId(), new SubjectId(e.subjectId()), PurposeCode.of(e.purpose()), ConsentState.parse(e.state(), "state"),
                AuditRecords.isCurrent(e), version == null ? 0 : Long.parseLong(version), e.recordedAt(), e.hash(), Optional.empty());
    }

    /** The subject's deliveries, read a page at a time as the stream is consumed. */
    private Stream<Delivery> deliveriesOf(SubjectId subject) {
        Iterator<Delivery> paged = new Iterator<>() {
            private List<Delivery> page = List.of();
            private int next;
            private long after;
            private boolean last;

            @Override
            public boolean hasNext() {
                if (next < page.size()) {
                    return true;
                }
                if (last) {
                    return false;
                }
                page = deliveries.ofSubject(subject, after, DELIVERY_PAGE);
                next = 0;
                last = page.size() < DELIVERY_PAGE;
                if (page.isEmpty()) {
                    return false;
                }
                after = page.getLast().id();
                return true;
            }

            @Override
            public Delivery next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.get(next++);
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(paged, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
