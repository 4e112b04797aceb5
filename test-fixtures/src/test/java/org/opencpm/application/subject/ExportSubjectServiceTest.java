package org.opencpm.application.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.testfixtures.ConsentEvents.PHONE;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.ConsentEvents.aWithdrawal;
import static org.opencpm.testfixtures.Purposes.MARKETING_EMAIL;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.application.Ports;
import org.opencpm.application.SubjectNotFoundException;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.ConsentReceipt;
import org.opencpm.application.port.in.ExportedEvent;
import org.opencpm.application.port.in.SubjectConsents;
import org.opencpm.application.port.in.SubjectExport;
import org.opencpm.application.port.in.SubjectExportSink;
import org.opencpm.application.port.in.UpdatePreferencesCommand;
import org.opencpm.application.port.out.AuditTrail;
import org.opencpm.application.port.out.Delivery;
import org.opencpm.application.port.out.KeptAttachment;
import org.opencpm.application.port.out.DeliveryStatus;
import org.opencpm.domain.audit.AuditDraft;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.audit.AuditHead;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.InMemoryOpenCpm;

/** PIPL Art. 45: a person's export holds everything OpenCPM keeps about them, and streams. */
class ExportSubjectServiceTest {

    private static final Actor EXPORTER = new Actor("key:dpo");
    private static final Identifier EMAIL = Identifier.email("Li.Lei@Example.cn");

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm().withPurposes(MARKETING_SMS, MARKETING_EMAIL);
    private final Notice notice = cpm.publish("privacy-policy", "2026-01", false, MARKETING_SMS, MARKETING_EMAIL);

    private SubjectId grantedPerson() {
        cpm.subscriptions = change -> List.of("crm-webhook");
        cpm.recordConsent.record(aGrant().by(PHONE, EMAIL).of(MARKETING_SMS).on(notice).fromIp("203.0.113.9").build());
        cpm.recordConsent.record(aGrant().by(PHONE).of(MARKETING_EMAIL).on(notice).build());
        cpm.recordConsent.record(aWithdrawal().by(PHONE).of(MARKETING_EMAIL).build());
        SubjectId person = cpm.lookupSubject.lookup(List.of(PHONE)).orElseThrow();
        cpm.preferences.update(new UpdatePreferencesCommand(person, new Preferences(Map.of("promotions", false), Map.of(),
                Optional.empty(), Optional.of("zh-CN")), CollectionChannel.PREFERENCE_CENTRE, InMemoryOpenCpm.ADMIN));
        return person;
    }

    @Test
    @DisplayName("PIPL Art. 45: identifiers in clear, consents, preferences, history with personal data, notice text, receipts, deliveries")
    void an_export_holds_everything_kept_about_the_person() {
        SubjectId person = grantedPerson();
        long delivered = cpm.deliveries.claim("crm-webhook", 1, cpm.clock.now(), java.time.Duration.ofMinutes(1), "node").getFirst().id();
        cpm.deliveries.delivered(List.of(delivered), "node", cpm.clock.now());

        SubjectExport export = cpm.exportSubject.export(person, EXPORTER);
        Recorded doc = new Recorded();
        export.writeTo(doc);

        assertThat(doc.calls).containsExactly("begin", "identifiers", "consents", "preferences", "history", "notices", "receipts",
                "attachments", "deliveries", "end");
        assertThat(doc.subject).isEqualTo(person);
        assertThat(doc.exportedAt).isEqualTo(InMemoryOpenCpm.START).isEqualTo(export.exportedAt());
        assertThat(doc.identifiers).containsExactlyInAnyOrder(PHONE, EMAIL);
        assertThat(doc.consents).extracting(e -> e.consent().purpose(), SubjectConsents.Entry::stateNow).containsExactly(
                org.assertj.core.groups.Tuple.tuple(MARKETING_EMAIL.code(), ConsentState.WITHDRAWN),
                org.assertj.core.groups.Tuple.tuple(MARKETING_SMS.code(), ConsentState.GRANTED));
        assertThat(doc.preferences).hasValueSatisfying(p -> assertThat(p.topics()).containsEntry("promotions", false));

        List<AuditEvent> chain;
        try (Stream<AuditEvent> events = cpm.auditTrail.eventsOf(person)) {
            chain = events.toList();
        }
        assertThat(doc.history).extracting(ExportedEvent::event).as("the whole chain of the person, oldest first")
                .containsExactlyElementsOf(chain);
        assertThat(doc.history.getFirst().status()).isEqualTo(ExportedEvent.Personal.READABLE);
        assertThat(doc.history.getFirst().personal()).containsEntry("ip", "203.0.113.9");
        assertThat(doc.history).filteredOn(e -> e.event().type() == AuditEventType.PREFERENCES_UPDATED).singleElement()
                .satisfies(e -> assertThat(e.personal()).containsEntry("topics.promotions", "false"));
        assertThat(doc.history.getLast().event().type()).as("the export itself is in the history").isEqualTo(AuditEventType.SUBJECT_EXPORTED);
        assertThat(doc.history.getLast().status()).isEqualTo(ExportedEvent.Personal.NONE);

        assertThat(doc.notices).as("each notice version once, with its text").singleElement().satisfies(n -> {
            assertThat(n.ref()).isEqualTo(notice.ref());
            assertThat(n.content()).isEqualTo(notice.content());
            assertThat(n.contentHash()).isEqualTo(notice.contentHash());
        });

        assertThat(doc.receipts).extracting(ConsentReceipt::purpose, ConsentReceipt::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple(MARKETING_SMS.code(), ConsentState.GRANTED),
                org.assertj.core.groups.Tuple.tuple(MARKETING_EMAIL.code(), ConsentState.PENDING), // double opt-in
                org.assertj.core.groups.Tuple.tuple(MARKETING_EMAIL.code(), ConsentState.WITHDRAWN));
        AuditEvent firstGrant = chain.getFirst();
        assertThat(doc.receipts.getFirst()).satisfies(r -> {
            assertThat(r.receiptId()).isEqualTo(firstGrant.eventId());
            assertThat(r.auditHash()).isEqualTo(firstGrant.hash());
            assertThat(r.recordedAt()).isEqualTo(firstGrant.recordedAt());
        });

        assertThat(doc.deliveries).as("one delivery per change to the subscribed connector").hasSize(4)
                .allSatisfy(d -> assertThat(d.connectorId()).isEqualTo("crm-webhook"));
        assertThat(doc.deliveries.getFirst().status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(doc.deliveries.getFirst().deliveredAt()).isPresent();
        assertThat(doc.deliveries.getLast().status()).isEqualTo(DeliveryStatus.PENDING);
    }

    @Test
    @DisplayName("PIPL Art. 45: the export is recorded in the person's chain, by the caller, with no identifier")
    void the_export_is_itself_an_audit_event_of_the_person() {
        SubjectId person = grantedPerson();

        cpm.exportSubject.export(person, EXPORTER);

        AuditEvent recorded = cpm.auditTrail.all().getLast();
        assertThat(recorded.type()).isEqualTo(AuditEventType.SUBJECT_EXPORTED);
        assertThat(recorded.subjectId()).isEqualTo(person.value());
        assertThat(recorded.actor()).isEqualTo(EXPORTER.id());
        assertThat(recorded.details()).containsEntry("format", SubjectExport.FORMAT).doesNotContainKey(AuditDraft.SEALED);
        assertThat(recorded.details().values()).noneMatch(v -> v.contains("13800138000") || v.contains("example.cn"));
        assertThat(cpm.verifyAudit.verify().valid()).isTrue();
    }

    @Test
    @DisplayName("PIPL Art. 45, 46: a person made of merged records gets one export with both histories in chain order")
    void a_merged_person_is_exported_whole() {
        SubjectId person = grantedPerson();
        Identifier other = Identifier.phone("13711110000");
        cpm.recordConsent.record(aGrant().by(other).of(MARKETING_SMS).on(notice).fromIp("198.51.100.4").build());
        SubjectId absorbed = cpm.lookupSubject.lookup(List.of(other)).orElseThrow();
        cpm.mergeSubjects.merge(person, absorbed, InMemoryOpenCpm.ADMIN);

        Recorded doc = new Recorded();
        cpm.exportSubject.export(person, EXPORTER).writeTo(doc);

        assertThat(doc.identifiers).contains(other, PHONE);
        assertThat(doc.history).extracting(e -> e.event().subjectId()).contains(person.value(), absorbed.value());
        assertThat(doc.history).extracting(e -> e.event().seq()).isSorted();
        assertThat(doc.history).anySatisfy(e -> assertThat(e.personal()).containsEntry("ip", "198.51.100.4"));
        assertThatThrownBy(() -> cpm.exportSubject.export(absorbed, EXPORTER))
                .isInstanceOf(org.opencpm.application.SubjectMergedException.class);
    }

    @Test
    @DisplayName("PIPL Art. 47: an erased person has no export: 410, not an empty document")
    void an_erased_person_has_no_export() {
        SubjectId person = grantedPerson();
        cpm.subscriptions = change -> List.of();
        cpm.erasure.erase(new org.opencpm.application.port.in.EraseSubjectCommand(person,
                org.opencpm.application.port.in.EraseSubjectCommand.Reason.RETENTION, Optional.empty(), InMemoryOpenCpm.ADMIN));
        cpm.clock.advance(InMemoryOpenCpm.ERASURE_WAIT);
        cpm.erasure.finishDue();

        assertThatThrownBy(() -> cpm.exportSubject.export(person, EXPORTER)).isInstanceOf(org.opencpm.application.SubjectErasedException.class);
    }

    @Test
    void an_unknown_subject_has_no_export_and_nothing_is_recorded() {
        int before = cpm.auditTrail.all().size();

        assertThatThrownBy(() -> cpm.exportSubject.export(SubjectId.newId(), EXPORTER)).isInstanceOf(SubjectNotFoundException.class);

        assertThat(cpm.auditTrail.all()).hasSize(before);
    }

    @Test
    @DisplayName("PIPL Art. 47: once the person's key is destroyed, their history shows the personal data as erased")
    void personal_data_of_an_erased_key_is_shown_as_erased_not_as_a_blob() {
        SubjectId person = grantedPerson();
        cpm.subjectKeyStore.destroy(person);

        Recorded doc = new Recorded();
        cpm.exportSubject.export(person, EXPORTER).writeTo(doc);

        assertThat(doc.history.getFirst().status()).isEqualTo(ExportedEvent.Personal.ERASED);
        assertThat(doc.history).allSatisfy(e -> assertThat(e.personal()).isEmpty());
    }

    @Test
    @DisplayName("a person with a long history is streamed: each event reaches the sink before the next one is read")
    void the_history_is_handed_on_as_it_is_read_never_collected_first() {
        SubjectId person = grantedPerson();
        long events = 200_000;
        CountingTrail trail = new CountingTrail(cpm.ports.audit(), person, events);
        ExportSubjectService service = new ExportSubjectService(withAudit(cpm.ports, trail), cpm.attachmentStore);
        SubjectExport export = service.export(person, EXPORTER);
        AtomicLong written = new AtomicLong();
        AtomicLong mostAhead = new AtomicLong();

        export.writeTo(new Recorded() {
            @Override
            public void history(Stream<ExportedEvent> stream) {
                stream.forEach(e -> {
                    written.incrementAndGet();
                    mostAhead.accumulateAndGet(trail.read.get() - written.get(), Math::max);
                });
            }

            @Override
            public void receipts(Stream<ConsentReceipt> stream) {
                stream.forEach(r -> { });
            }
        });

        assertThat(written).hasValue(events);
        assertThat(mostAhead.get()).as("events read from the trail ahead of those written").isLessThanOrEqualTo(1);
        assertThat(trail.closed).as("every stream of the trail closed").hasValue(2);
    }

    /** A trail whose person has {@code count} generated events, read lazily and counted. */
    private static final class CountingTrail implements AuditTrail {
        private final AuditTrail stored;
        private final SubjectId person;
        private final long count;
        final AtomicLong read = new AtomicLong();
        final AtomicLong closed = new AtomicLong();

        CountingTrail(AuditTrail stored, SubjectId person, long count) {
            this.stored = stored;
            this.person = person;
            this.count = count;
        }

        @Override
        public AuditEvent append(AuditDraft draft) {
            return stored.append(draft);
        }

        @Override
        public Stream<AuditEvent> events(org.opencpm.domain.audit.AuditSelection selection) {
            return stored.events(selection);
        }

        @Override
        public Stream<AuditEvent> eventsOf(SubjectId subject) {
            read.set(0);
            return LongStream.rangeClosed(1, count).mapToObj(seq -> {
                read.incrementAndGet();
                return new AuditEvent(seq, "e-" + seq, AuditEventType.PREFERENCES_UPDATED, person.value(), null, null,
                        InMemoryOpenCpm.START, InMemoryOpenCpm.START, "system", null, null, null, Map.of("version", "1"), "0".repeat(64),
                        "1".repeat(64));
            }).onClose(closed::incrementAndGet);
        }

        @Override
        public Optional<AuditEvent> find(String eventId) {
            return stored.find(eventId);
        }

        @Override
        public Optional<AuditHead> head() {
            return stored.head();
        }
    }

    private static Ports withAudit(Ports p, AuditTrail audit) {
        return new Ports(p.purposes(), p.notices(), p.subjects(), p.consents(), p.preferences(), audit, p.outbox(), p.subscriptions(),
                p.deadLetters(), p.connectorRuntime(), p.idempotency(), p.confirmationTokens(), p.sendBudget(), p.decisionIndex(),
                p.decisionLog(), p.subjectStates(), p.apiKeys(), p.rightsRequests(), p.subjectKeys(), p.erasures(), p.shredder(), p.vault(), p.personalCipher(),
                p.clock(), p.transactions());
    }

    /** A sink that keeps what it is given (fine for a test's few events), and the order of the calls. */
    private static class Recorded implements SubjectExportSink {
        final List<String> calls = new ArrayList<>();
        SubjectId subject;
        Instant exportedAt;
        List<Identifier> identifiers;
        List<SubjectConsents.Entry> consents;
        Optional<Preferences> preferences;
        List<ExportedEvent> history;
        List<Notice> notices;
        List<ConsentReceipt> receipts;
        List<KeptAttachment> attachments;
        List<Delivery> deliveries;

        @Override
        public void begin(SubjectId subject, Instant exportedAt) {
            calls.add("begin");
            this.subject = subject;
            this.exportedAt = exportedAt;
        }

        @Override
        public void identifiers(Stream<Identifier> stream) {
            calls.add("identifiers");
            identifiers = stream.toList();
        }

        @Override
        public void consents(Stream<SubjectConsents.Entry> stream) {
            calls.add("consents");
            consents = stream.toList();
        }

        @Override
        public void preferences(Optional<Preferences> preferences) {
            calls.add("preferences");
            this.preferences = preferences;
        }

        @Override
        public void history(Stream<ExportedEvent> stream) {
            calls.add("history");
            history = stream.toList();
        }

        @Override
        public void notices(Stream<Notice> stream) {
            calls.add("notices");
            notices = stream.toList();
        }

        @Override
        public void receipts(Stream<ConsentReceipt> stream) {
            calls.add("receipts");
            receipts = stream.toList();
        }

        @Override
        public void attachments(Stream<KeptAttachment> stream) {
            calls.add("attachments");
            attachments = stream.toList();
        }

        @Override
        public void deliveries(Stream<Delivery> stream) {
            calls.add("deliveries");
            deliveries = stream.toList();
        }

        @Override
        public void end() {
            calls.add("end");
        }
    }
}
