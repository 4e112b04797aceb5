package org.opencpm.application.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.ConsentEvents.aWithdrawal;
import static org.opencpm.testfixtures.Purposes.MARKETING_EMAIL;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.opencpm.application.Ports;
import org.opencpm.application.SubjectMergedException;
import org.opencpm.application.SubjectNotFoundException;
import org.opencpm.application.SubjectsNotMergeableException;
import org.opencpm.application.consent.RecordConsentService;
import org.opencpm.application.port.in.DecisionQuery;
import org.opencpm.application.port.in.MergeSubjectsUseCase;
import org.opencpm.application.port.in.SubjectLocator;
import org.opencpm.application.port.in.UpdatePreferencesCommand;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.IdentifierHash;
import org.opencpm.application.port.out.LinkedIdentifier;
import org.opencpm.application.port.out.SealedIdentifier;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.decision.Reason;
import org.opencpm.domain.decision.UsageRequest;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.IdentifierType;
import org.opencpm.domain.subject.Subject;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.InMemoryOpenCpm;

/** Merging two subjects that are one person (PIPL Art. 46), on the in-memory adapters. */
class MergeSubjectsServiceTest {

    private static final Identifier PHONE_A = Identifier.phone("13800138001");
    private static final Identifier PHONE_B = Identifier.phone("13800138002");

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm().withPurposes(MARKETING_SMS, MARKETING_EMAIL);
    private final Notice policy = cpm.publish("privacy-policy", "1", false, MARKETING_SMS, MARKETING_EMAIL);
    private final Instant start = cpm.clock.now();

    private SubjectId grant(Identifier who, Purpose purpose, Instant at) {
        return cpm.recordConsent.record(aGrant().by(who).of(purpose).on(policy).at(at).build()).receipts().get(0).subjectId();
    }

    private SubjectId withdraw(Identifier who, Purpose purpose, Instant at) {
        return cpm.recordConsent.record(aWithdrawal().by(who).of(purpose).at(at).build()).receipts().get(0).subjectId();
    }

    private Reason decide(SubjectLocator who, Purpose purpose) {
        return cpm.decide.decide(new DecisionQuery(who, purpose.code(), UsageRequest.on(ContactChannel.SMS))).decision().reason();
    }

    private MergeSubjectsUseCase.Merged merge(SubjectId into, SubjectId from) {
        return cpm.mergeSubjects.merge(into, from, InMemoryOpenCpm.ADMIN);
    }

    @Test
    void the_merged_person_decides_by_their_latest_choices_and_both_histories_read_as_one() {
        cpm.clock.advance(Duration.ofHours(1));
        SubjectId into = grant(PHONE_A, MARKETING_SMS, start.plusSeconds(10));
        withdraw(PHONE_A, MARKETING_EMAIL, start.plusSeconds(50));
        SubjectId from = withdraw(PHONE_B, MARKETING_SMS, start.plusSeconds(20));
        grant(PHONE_B, MARKETING_EMAIL, start.plusSeconds(40));
        List<AuditEvent> before = cpm.viewSubject.historyOf(into);
        List<AuditEvent> theirs = cpm.viewSubject.historyOf(from);

        MergeSubjectsUseCase.Merged merged = merge(into, from);

        assertThat(merged.purposesCarried()).containsExactly(MARKETING_SMS.code());
        assertThat(decide(SubjectLocator.by(PHONE_A), MARKETING_SMS)).as("withdrawn under B, later").isEqualTo(Reason.WITHDRAWN);
        assertThat(decide(SubjectLocator.by(PHONE_B), MARKETING_EMAIL)).as("withdrawn under A, later").isEqualTo(Reason.WITHDRAWN);
        assertThat(decide(SubjectLocator.byId(from), MARKETING_SMS)).isEqualTo(Reason.UNKNOWN_SUBJECT);
        assertThat(cpm.lookupSubject.lookup(List.of(PHONE_B))).contains(into);

        List<AuditEvent> joined = cpm.viewSubject.historyOf(into);
        assertThat(joined).containsAll(before).containsAll(theirs);
        assertThat(joined).extracting(AuditEvent::seq).isSorted();
        AuditEvent mergeEvent = joined.stream().filter(e -> e.type() == AuditEventType.SUBJECTS_MERGED).findFirst().orElseThrow();
        assertThat(mergeEvent.details()).containsEntry("from", from.value()).containsEntry("purposesCarried", "marketing-sms")
                .containsEntry("identifierTypes", "phone:1");
        assertThat(mergeEvent.details().toString()).doesNotContain("13800138002")
                .doesNotContain(cpm.vault.hash(PHONE_B).hex());
        assertThat(joined).filteredOn(e -> e.type() == AuditEventType.SUBJECT_ABSORBED).singleElement()
                .satisfies(tomb -> assertThat(tomb.subjectId()).isEqualTo(from.value()))
                .satisfies(tomb -> assertThat(tomb.detail("into")).isEqualTo(into.value()));
        assertThat(cpm.verifyAudit.verify().valid()).isTrue();

        assertThatThrownBy(() -> cpm.viewSubject.historyOf(from)).isInstanceOf(SubjectMergedException.class)
                .satisfies(e -> assertThat(((SubjectMergedException) e).mergedInto()).isEqualTo(into));
        assertThatThrownBy(() -> cpm.viewSubject.consentsOf(from)).isInstanceOf(SubjectMergedException.class);
        assertThatThrownBy(() -> cpm.preferences.preferencesOf(from)).isInstanceOf(SubjectMergedException.class);
    }

    @Test
    void connectors_are_told_each_carried_consent_and_the_merge_in_version_order() {
        SubjectId into = grant(PHONE_A, MARKETING_SMS, start);
        cpm.clock.advance(Duration.ofMinutes(1));
        SubjectId from = withdraw(PHONE_B, MARKETING_SMS, cpm.clock.now());
        long version = cpm.subjectStore.find(into).orElseThrow().version();
        int told = cpm.outbox.changes().size();

        MergeSubjectsUseCase.Merged merged = merge(into, from);

        List<ConsentChange> changes = cpm.outbox.changes().subList(told, cpm.outbox.changes().size());
        assertThat(changes).extracting(ConsentChange::subject).containsOnly(into);
        assertThat(changes).extracting(ConsentChange::kind).containsExactly(ConsentChange.Kind.CONSENT, ConsentChange.Kind.PREFERENCES);
        assertThat(changes).extracting(ConsentChange::version).containsExactly(version + 1, version + 2);
        assertThat(changes.get(0).state()).contains(ConsentState.WITHDRAWN);
        assertThat(changes.get(0).erasureDue()).as("a grant in force stopped by the newer withdrawal (PIPL Art. 47)").isTrue();
        assertThat(merged.version()).isEqualTo(version + 2);
        assertThat(cpm.subjectStore.find(into).orElseThrow().version()).isEqualTo(version + 2);
        assertThat(changes).extracting(ConsentChange::auditEventId).doesNotHaveDuplicates();
    }

    @Test
    void preferences_are_into_s_unless_it_has_none() {
        SubjectId into = grant(PHONE_A, MARKETING_SMS, start);
        SubjectId from = grant(PHONE_B, MARKETING_SMS, start);
        Preferences theirs = new Preferences(Map.of("promotions", false), Map.of(), Optional.empty(), Optional.empty());
        cpm.preferences.update(new UpdatePreferencesCommand(from, theirs, CollectionChannel.PREFERENCE_CENTRE, InMemoryOpenCpm.ADMIN));

        merge(into, from);

        assertThat(cpm.preferences.preferencesOf(into)).isEqualTo(theirs);
    }

    @Test
    void merges_of_merges_join_every_history_and_the_absorbed_name_the_last_standing() {
        SubjectId a = grant(PHONE_A, MARKETING_SMS, start);
        SubjectId b = grant(PHONE_B, MARKETING_SMS, start);
        SubjectId c = grant(Identifier.phone("13800138003"), MARKETING_SMS, start);
        merge(b, a);
        merge(c, b);

        assertThat(cpm.subjectStore.absorbedBy(c)).containsExactlyInAnyOrder(a, b);
        assertThat(cpm.viewSubject.historyOf(c)).extracting(AuditEvent::subjectId).contains(a.value(), b.value(), c.value());
        assertThat(cpm.lookupSubject.lookup(List.of(PHONE_A))).contains(c);
        assertThatThrownBy(() -> cpm.viewSubject.historyOf(a)).isInstanceOf(SubjectMergedException.class)
                .satisfies(e -> assertThat(((SubjectMergedException) e).mergedInto()).isEqualTo(c));
        assertThat(cpm.verifyAudit.verify().valid()).isTrue();
    }

    @Test
    void a_merge_that_cannot_be_done_writes_nothing() {
        SubjectId a = grant(PHONE_A, MARKETING_SMS, start);
        SubjectId b = grant(PHONE_B, MARKETING_SMS, start);
        merge(a, b);
        int events = cpm.auditTrail.all().size();

        assertThatThrownBy(() -> merge(a, a)).isInstanceOf(SubjectsNotMergeableException.class);
        assertThatThrownBy(() -> merge(a, b)).isInstanceOf(SubjectsNotMergeableException.class);
        assertThatThrownBy(() -> merge(b, a)).isInstanceOf(SubjectsNotMergeableException.class);
        assertThatThrownBy(() -> merge(a, SubjectId.of("sub_nobody"))).isInstanceOf(SubjectNotFoundException.class);
        assertThatThrownBy(() -> merge(SubjectId.of("sub_nobody"), a)).isInstanceOf(SubjectNotFoundException.class);

        assertThat(cpm.auditTrail.all()).hasSize(events);
    }

    @Test
    void a_grant_that_looked_its_subject_up_just_before_the_merge_is_recorded_for_the_merged_person() {
        SubjectId into = withdraw(PHONE_A, MARKETING_SMS, start);
        SubjectId from = withdraw(PHONE_B, MARKETING_SMS, start);
        merge(into, from);
        // as if the grant had read PHONE_B's link a moment before the merge committed
        IdentifierHash b = cpm.vault.hash(PHONE_B);
        AtomicBoolean stale = new AtomicBoolean(true);
        SubjectStore racing = new StaleLookups(cpm.subjectStore, hash -> hash.equals(b) && stale.getAndSet(false)
                ? Optional.of(from) : cpm.subjectStore.findByIdentifier(hash));
        Ports p = cpm.ports;
        Ports withStaleLookups = new Ports(p.purposes(), p.notices(), racing, p.consents(), p.preferences(), p.audit(), p.outbox(),
                p.subscriptions(), p.deadLetters(), p.connectorRuntime(), p.idempotency(), p.confirmationTokens(), p.sendBudget(),
                p.decisionIndex(), p.decisionLog(), p.subjectStates(), p.apiKeys(), p.rightsRequests(), p.subjectKeys(), p.erasures(), p.shredder(), p.vault(),
                p.personalCipher(), p.clock(), p.transactions());
        cpm.clock.advance(Duration.ofMinutes(1));

        SubjectId recordedFor = new RecordConsentService(withStaleLookups, cpm.attachmentStore).record(aGrant().by(PHONE_B).of(MARKETING_SMS).on(policy).build())
                .receipts().get(0).subjectId();

        assertThat(recordedFor).isEqualTo(into);
        assertThat(cpm.consentStore.consentsOf(into).get(MARKETING_SMS.code()).state()).isEqualTo(ConsentState.GRANTED);
        assertThat(cpm.consentStore.consentsOf(from).get(MARKETING_SMS.code()).state()).isEqualTo(ConsentState.WITHDRAWN);
    }

    /** A subject store whose identifier lookups answer as {@code lookups} says; the rest as the real one. */
    private record StaleLookups(SubjectStore real, java.util.function.Function<IdentifierHash, Optional<SubjectId>> lookups)
            implements SubjectStore {
        @Override public Optional<SubjectId> findByIdentifier(IdentifierHash hash) { return lookups.apply(hash); }
        @Override public Optional<Subject> find(SubjectId id) { return real.find(id); }
        @Override public void save(Subject subject, Optional<Long> expectedVersion) { real.save(subject, expectedVersion); }
        @Override public void link(SubjectId id, IdentifierType type, IdentifierHash hash, SealedIdentifier sealed) {
            real.link(id, type, hash, sealed);
        }
        @Override public List<LinkedIdentifier> identifiersOf(SubjectId id) { return real.identifiersOf(id); }
        @Override public boolean unlink(SubjectId id, IdentifierHash hash) { return real.unlink(id, hash); }
        @Override public void merge(SubjectId from, SubjectId into) { real.merge(from, into); }
        @Override public Optional<SubjectId> mergedInto(SubjectId id) { return real.mergedInto(id); }
        @Override public List<SubjectId> absorbedBy(SubjectId into) { return real.absorbedBy(into); }
    }
}
