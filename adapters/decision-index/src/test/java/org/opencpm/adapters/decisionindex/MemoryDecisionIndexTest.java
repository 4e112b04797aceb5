package org.opencpm.adapters.decisionindex;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.out.IdentifierHash;
import org.opencpm.application.port.out.SubjectState;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.consent.ConsentMethod;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.consent.NoticeStamp;
import org.opencpm.domain.decision.DecisionPolicy;
import org.opencpm.domain.decision.UsageRequest;
import org.opencpm.domain.notice.ContentHash;
import org.opencpm.domain.notice.MaterialChanges;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.preference.ChannelPreference;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.DataElement;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCategory;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.GuardianRelation;
import org.opencpm.domain.subject.Subject;
import org.opencpm.domain.subject.SubjectId;

class MemoryDecisionIndexTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00.123Z");
    private static final NoticeStamp V1 = new NoticeStamp(NoticeRef.of("privacy", "v1"), ContentHash.of("one"), 1);
    private static final NoticeStamp V2 = new NoticeStamp(NoticeRef.of("privacy", "v2"), ContentHash.of("two"), 2);
    private static final List<Purpose> PURPOSES = List.of(purpose("sms", 730), purpose("email", null), purpose("recs", 1));

    private final MemoryDecisionIndex index = new MemoryDecisionIndex();

    @Test
    void a_subject_comes_back_equal_to_the_state_it_was_told_of_whatever_its_consents_look_like() {
        Random random = new Random(7);
        for (int n = 0; n < 2_000; n++) {
            SubjectState state = randomState(random, n);
            index.subjectChanged(state);
            assertThat(index.subject(state.subject().id())).as("subject %d", n).contains(state);
        }
    }

    @Test
    void odd_ids_times_and_fractions_of_a_millisecond_survive_packing() {
        SubjectId odd = SubjectId.of("Customer_42-X");
        Instant fraction = Instant.parse("2025-01-01T00:00:00.123456789Z");
        Instant early = Instant.parse("1901-05-05T10:00:00Z");
        Consent grant = Consent.restore(odd, PURPOSES.get(0).code(), ConsentState.GRANTED, 3, fraction, Optional.of(fraction),
                Optional.of(fraction.plus(Duration.ofDays(730))), Optional.of(V1), Optional.empty(), CollectionChannel.WEB, ConsentMethod.CHECKBOX);
        Consent oddExpiry = Consent.restore(odd, PURPOSES.get(1).code(), ConsentState.GRANTED, 4, early, Optional.of(early),
                Optional.of(early.plusMillis(1234)), Optional.of(V2), Optional.of(GuardianRelation.GUARDIAN), CollectionChannel.API,
                ConsentMethod.SIGNATURE);
        Consent withdrawn = Consent.restore(odd, PURPOSES.get(2).code(), ConsentState.WITHDRAWN, 9, T0.plus(Duration.ofDays(9000)),
                Optional.of(early), Optional.empty(), Optional.of(V1), Optional.empty(), CollectionChannel.STORE, ConsentMethod.TOGGLE);
        SubjectState state = new SubjectState(new Subject(odd, Optional.of(LocalDate.of(2015, 2, 28)), true, 9, fraction),
                Map.of(grant.purpose(), grant, oddExpiry.purpose(), oddExpiry, withdrawn.purpose(), withdrawn), Preferences.none());

        index.subjectChanged(state);

        assertThat(index.subject(odd)).contains(state);
    }

    @Test
    void a_state_with_a_time_beyond_epoch_milliseconds_is_kept_as_it_is() {
        SubjectId id = SubjectId.newId();
        Instant far = Instant.MAX;
        Consent grant = Consent.restore(id, PURPOSES.get(0).code(), ConsentState.GRANTED, 1, T0, Optional.of(T0), Optional.of(far),
                Optional.of(V1), Optional.empty(), CollectionChannel.WEB, ConsentMethod.CHECKBOX);
        SubjectState state = new SubjectState(new Subject(id, Optional.empty(), false, 1, T0), Map.of(grant.purpose(), grant),
                Preferences.none());

        index.subjectChanged(state);

        assertThat(index.subject(id)).containsSame(state);
        assertThat(index.view(id).orElseThrow()).isSameAs(state);

        SubjectState packable = new SubjectState(new Subject(id, Optional.empty(), false, 2, T0), Map.of(), Preferences.none());
        index.subjectChanged(packable);
        assertThat(index.subject(id)).contains(packable);
        assertThat(index.view(id).orElseThrow()).isNotInstanceOf(SubjectState.class);
        index.subjectChanged(state);
        assertThat(index.subject(id)).as("an older state, kept aside or not, replaces nothing").contains(packable);
    }

    @Test
    void a_decision_reads_the_same_from_the_packed_view_as_from_the_state() {
        Random random = new Random(11);
        MaterialChanges changes = MaterialChanges.none().with(Notice.publish(NoticeRef.of("privacy", "v2"), "zh-CN", "t",
                Optional.of("two"), Optional.empty(), Set.of(PURPOSES.get(0).code()), true, T0, 2));
        Instant[] nows = {T0.minus(Duration.ofDays(400)), T0, T0.plus(Duration.ofDays(700)), T0.plus(Duration.ofDays(3000))};
        int decisions = 0;
        for (int n = 0; n < 1_000; n++) {
            SubjectState state = randomState(random, n);
            index.subjectChanged(state);
            var view = index.view(state.subject().id()).orElseThrow();
            assertThat(view).isNotInstanceOf(SubjectState.class);
            assertThat(view.id()).isEqualTo(state.id());
            assertThat(view.preferences()).isEqualTo(state.preferences());
            for (Instant now : nows) {
                assertThat(view.isMinorAt(now)).isEqualTo(state.isMinorAt(now));
                for (Purpose purpose : PURPOSES) {
                    for (UsageRequest usage : List.of(UsageRequest.ANY, UsageRequest.on(ContactChannel.SMS))) {
                        assertThat(DecisionPolicy.decide(purpose, view.consentTo(purpose.code()), view.isMinorAt(now), view.preferences(),
                                changes, usage, now))
                                .as("subject %d, %s at %s", n, purpose.code(), now)
                                .isEqualTo(DecisionPolicy.decide(purpose, state.consentTo(purpose.code()), state.isMinorAt(now),
                                        state.preferences(), changes, usage, now));
                        decisions++;
                    }
                }
            }
        }
        assertThat(decisions).isEqualTo(24_000);
    }

    @Test
    void an_older_state_never_replaces_a_newer_one() {
        SubjectState newer = randomState(new Random(1), 1);
        Subject subject = newer.subject();
        SubjectState older = new SubjectState(new Subject(subject.id(), subject.birthDate(), subject.declaredMinor(), subject.version() - 1,
                subject.registeredAt()), Map.of(), Preferences.none());

        index.subjectChanged(newer);
        index.subjectChanged(older);

        assertThat(index.subject(subject.id())).contains(newer);
    }

    @Test
    void a_removed_subject_never_comes_back() {
        SubjectState state = randomState(new Random(2), 2);
        SubjectId id = state.subject().id();
        IdentifierHash phone = hash(1);
        index.identifierLinked(phone, id);
        index.subjectChanged(state);

        index.subjectRemoved(id);
        index.subjectChanged(state);
        index.identifierLinked(hash(2), id);

        assertThat(index.subject(id)).isEmpty();
        assertThat(index.view(id)).isEmpty();
        assertThat(index.subjectOf(hash(2))).isEmpty();
        List<SubjectId> walked = new ArrayList<>();
        index.forEachSubject(s -> walked.add(s.subject().id()));
        assertThat(walked).doesNotContain(id);

        SubjectId never = SubjectId.newId();
        index.subjectRemoved(never);
        index.subjectChanged(new SubjectState(Subject.register(never, T0), Map.of(), Preferences.none()));
        assertThat(index.subject(never)).as("removed before it was ever seen").isEmpty();
    }

    @Test
    void an_erasure_drops_the_identifiers_that_led_to_the_subject_and_no_others() {
        SubjectId erased = SubjectId.newId();
        SubjectId other = SubjectId.newId();
        index.identifierLinked(hash(1), erased);
        index.identifierLinked(hash(2), erased);
        index.identifierLinked(hash(3), other);
        index.identifierLinked(hash(2), other); // moved to the other subject since

        index.subjectErased(erased, List.of(hash(1), hash(2), hash(3)));

        assertThat(index.subjectOf(hash(1))).isEmpty();
        assertThat(index.subjectOf(hash(2))).contains(other);
        assertThat(index.subjectOf(hash(3))).contains(other);
    }

    @Test
    void identifiers_lead_where_they_were_last_linked_through_any_number_of_links_and_unlinks() {
        Random random = new Random(5);
        List<SubjectId> people = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            people.add(i % 3 == 0 ? SubjectId.of("legacy-" + i) : SubjectId.newId());
        }
        Map<IdentifierHash, SubjectId> model = new HashMap<>();
        for (int step = 0; step < 60_000; step++) {
            IdentifierHash hash = collidingHash(random.nextInt(5_000));
            SubjectId person = people.get(random.nextInt(people.size()));
            if (random.nextInt(3) == 0) {
                index.identifierUnlinked(hash, person);
                model.remove(hash, person);
            } else {
                index.identifierLinked(hash, person);
                model.put(hash, person);
            }
        }
        for (int i = 0; i < 5_000; i++) {
            IdentifierHash hash = collidingHash(i);
            assertThat(index.subjectOf(hash)).as("identifier %d", i).isEqualTo(Optional.ofNullable(model.get(hash)));
        }
        assertThat(index.identifierCount()).isEqualTo(model.size());
    }

    @Test
    void every_subject_with_a_state_is_walked_once() {
        Random random = new Random(3);
        Set<SubjectId> stated = new HashSet<>();
        for (int n = 0; n < 5_000; n++) {
            SubjectState state = randomState(random, n);
            index.subjectChanged(state);
            stated.add(state.subject().id());
            index.identifierLinked(hash(n), SubjectId.of("known-by-identifier-only-" + n));
        }
        List<SubjectId> walked = new ArrayList<>();
        index.forEachSubject(state -> walked.add(state.subject().id()));
        assertThat(walked).hasSize(stated.size()).containsExactlyInAnyOrderElementsOf(stated);
        assertThat(index.subject(SubjectId.of("known-by-identifier-only-7"))).isEmpty();
        assertThat(index.subjectOf(hash(7))).contains(SubjectId.of("known-by-identifier-only-7"));
    }

    @Test
    void identifiers_still_lead_to_their_subjects_after_the_table_of_subjects_grew_many_times() {
        List<SubjectId> people = new ArrayList<>();
        for (int n = 0; n < 20_000; n++) {
            SubjectId person = SubjectId.newId();
            people.add(person);
            index.identifierLinked(hash(n), person);
            if (n % 2 == 0) {
                index.subjectChanged(new SubjectState(Subject.register(person, T0), Map.of(), Preferences.none()));
            }
        }
        for (int n = 0; n < people.size(); n++) {
            assertThat(index.subjectOf(hash(n))).as("identifier %d", n).contains(people.get(n));
            assertThat(index.subject(people.get(n)).isPresent()).as("subject %d", n).isEqualTo(n % 2 == 0);
        }
    }

    @Test
    void a_subject_whose_preferences_are_not_shared_any_more_is_kept_unpacked_and_whole() {
        SubjectState last = null;
        for (int n = 0; n <= 65_536; n++) {
            SubjectId id = SubjectId.newId();
            last = new SubjectState(Subject.register(id, T0), Map.of(),
                    new Preferences(Map.of("topic-" + n, false), Map.of(), Optional.empty(), Optional.empty()));
            index.subjectChanged(last);
        }
        assertThat(index.subject(last.subject().id())).containsSame(last);
        assertThat(index.view(last.subject().id()).orElseThrow().preferences()).isEqualTo(last.preferences());
    }

    @Test
    void readers_racing_the_writer_only_ever_see_whole_states_of_the_right_subject() throws InterruptedException {
        int count = 30_000;
        List<SubjectState> states = new ArrayList<>();
        Random random = new Random(13);
        for (int n = 0; n < count; n++) {
            states.add(randomState(random, n));
        }
        java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ConcurrentLinkedQueue<String> wrong = new java.util.concurrent.ConcurrentLinkedQueue<>();
        Runnable reader = () -> {
            Random pick = new Random();
            for (int read = 0; read < 200_000; read++) {
                int upTo = written.get();
                if (upTo == 0) {
                    continue;
                }
                int n = pick.nextInt(upTo);
                SubjectState expected = states.get(n);
                Optional<SubjectState> seen = index.subject(expected.subject().id());
                if (!seen.equals(Optional.of(expected))) {
                    wrong.add("subject " + n + ": " + seen);
                }
                if (!index.subjectOf(hash(n)).equals(Optional.of(expected.subject().id()))) {
                    wrong.add("identifier " + n);
                }
            }
        };
        Thread[] readers = {new Thread(reader), new Thread(reader)};
        for (Thread thread : readers) {
            thread.start();
        }
        for (int n = 0; n < count; n++) {
            index.identifierLinked(hash(n), states.get(n).subject().id());
            index.subjectChanged(states.get(n));
            written.set(n + 1);
        }
        for (Thread thread : readers) {
            thread.join(60_000);
            assertThat(thread.isAlive()).as("reader finished within a minute").isFalse();
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void a_subject_with_eight_consents_packs_into_fewer_than_130_bytes() {
        Random random = new Random(9);
        List<Purpose> eight = new ArrayList<>();
        for (int p = 0; p < 8; p++) {
            eight.add(purpose("p" + p, p % 3 == 0 ? 730 : null));
        }
        long bytes = 0;
        int subjects = 1_000;
        Dictionary dictionary = new Dictionary();
        for (int n = 0; n < subjects; n++) {
            SubjectId id = SubjectId.newId();
            Instant registered = T0.minus(Duration.ofMillis(random.nextLong(Duration.ofDays(1000).toMillis())));
            Map<PurposeCode, Consent> consents = new HashMap<>();
            long version = 0;
            for (Purpose purpose : eight) {
                version++;
                consents.put(purpose.code(), consent(random, id, purpose, registered, version));
            }
            SubjectState state = new SubjectState(new Subject(id, Optional.empty(), false, version, registered), consents,
                    Preferences.none());
            bytes += 16 + PackedSubject.encode(state, dictionary).length; // with the array's header
        }
        assertThat(bytes / subjects).isLessThan(130);
    }

    private static IdentifierHash hash(int n) {
        return new IdentifierHash(String.format("%016x%016x%032x", n * 0x9E3779B97F4A7C15L, (long) n, n));
    }

    /**
     * Hashes whose table slots crowd into a few places at both ends of the table, so that lookups
     * probe long runs that wrap around and deletions must move entries back.
     */
    private static IdentifierHash collidingHash(int n) {
        long home = n % 2 == 0 ? n % 13 : -1 - n % 13;
        return new IdentifierHash(String.format("%08x%08x%016x%032x", n, (int) home, (long) n, 0));
    }

    private static Purpose purpose(String code, Integer validityDays) {
        return Purpose.builder(code).name("zh", code).category(PurposeCategory.MARKETING).dataElement(DataElement.named("phone"))
                .validityDays(validityDays).build();
    }

    private static SubjectState randomState(Random random, int n) {
        SubjectId id = n % 7 == 0 ? SubjectId.of("crm-" + n) : SubjectId.newId();
        Instant registered = T0.minus(Duration.ofMillis(random.nextLong(Duration.ofDays(1000).toMillis())));
        Map<PurposeCode, Consent> consents = new HashMap<>();
        long version = random.nextInt(3);
        for (Purpose purpose : PURPOSES) {
            if (random.nextInt(5) == 0) {
                continue;
            }
            version += 1 + random.nextInt(3);
            consents.put(purpose.code(), consent(random, id, purpose, registered, version));
        }
        Optional<LocalDate> birthDate = random.nextInt(4) == 0
                ? Optional.of(LocalDate.of(2010 + random.nextInt(8), 1 + random.nextInt(12), 1 + random.nextInt(28))) : Optional.empty();
        Preferences preferences = switch (random.nextInt(4)) {
            case 0 -> new Preferences(Map.of("promotions", false), Map.of(ContactChannel.SMS, ChannelPreference.disabled()),
                    Optional.empty(), Optional.of("zh-CN"));
            case 1 -> new Preferences(Map.of("news", random.nextBoolean()), Map.of(), Optional.empty(), Optional.empty());
            default -> Preferences.none();
        };
        return new SubjectState(new Subject(id, birthDate, random.nextInt(6) == 0, version + random.nextInt(2), registered), consents,
                preferences);
    }

    private static Consent consent(Random random, SubjectId id, Purpose purpose, Instant registered, long version) {
        Instant changed = registered.plusMillis(random.nextInt(4) == 0 ? 0 : random.nextLong(Duration.ofDays(900).toMillis()));
        Instant granted = changed.minusMillis(random.nextLong(Duration.ofDays(300).toMillis()));
        ConsentState state = ConsentState.values()[random.nextInt(ConsentState.values().length)];
        Optional<Instant> grantedAt = switch (state) {
            case GRANTED -> Optional.of(changed);
            case PENDING, DENIED -> random.nextBoolean() ? Optional.empty() : Optional.of(granted);
            default -> Optional.of(granted);
        };
        Optional<Instant> expiresAt = state == ConsentState.GRANTED ? purpose.validity().map(changed::plus) : Optional.empty();
        Optional<NoticeStamp> notice = state == ConsentState.GRANTED || random.nextBoolean() ? Optional.of(random.nextBoolean() ? V1 : V2)
                : Optional.empty();
        Optional<GuardianRelation> guardian = random.nextInt(5) == 0 ? Optional.of(GuardianRelation.PARENT) : Optional.empty();
        ConsentMethod method = ConsentMethod.values()[random.nextInt(ConsentMethod.values().length)];
        CollectionChannel channel = CollectionChannel.values()[random.nextInt(CollectionChannel.values().length)];
        return Consent.restore(id, purpose.code(), state, version, changed, grantedAt, expiresAt,
                notice.map(stamp -> new NoticeStamp(NoticeRef.of(stamp.ref().code(), stamp.ref().version()), stamp.contentHash(),
                        stamp.revision())), guardian, channel, method);
    }
}
