package org.opencpm.adapters.decisionindex;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.out.IdentifierHash;
import org.opencpm.application.port.out.SubjectState;
import org.opencpm.application.port.out.SubjectView;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.consent.ConsentMethod;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.consent.NoticeStamp;
import org.opencpm.domain.notice.ContentHash;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.Subject;
import org.opencpm.domain.subject.SubjectId;

/**
 * A reviewer's attempts to break the compact index: several writers doing every kind of write at
 * once (states packed and kept aside, links, unlinks, replacements, erasures, tables growing)
 * against readers of every kind, and a walk racing a re-pack.
 */
class MemoryDecisionIndexReviewTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00.123Z");
    private static final PurposeCode SMS = PurposeCode.of("sms");
    private static final NoticeStamp V1 = new NoticeStamp(NoticeRef.of("privacy", "v1"), ContentHash.of("one"), 1);

    private final MemoryDecisionIndex index = new MemoryDecisionIndex();

    /** Version {@code version} of subject {@code id}; kept aside (a time beyond epoch milliseconds) when {@code aside}. */
    private static SubjectState state(SubjectId id, long version, boolean aside) {
        Consent consent = Consent.restore(id, SMS, ConsentState.GRANTED, version,
                T0.plusMillis(version), Optional.of(T0), Optional.of(aside ? Instant.MAX : T0.plusSeconds(version)), Optional.of(V1),
                Optional.empty(), version % 2 == 0 ? CollectionChannel.WEB : CollectionChannel.APP, ConsentMethod.CHECKBOX);
        return new SubjectState(new Subject(id, Optional.empty(), false, version, T0), Map.of(SMS, consent), Preferences.none());
    }

    @Test
    void a_walk_gives_a_subject_kept_aside_when_it_began_and_packed_again_after_the_table_grew() {
        SubjectId aside = SubjectId.of("aside");
        int asideSlot = SubjectTable.spread(aside.value().hashCode()) & 63;
        int k = 0;
        while ((SubjectTable.spread(("first-" + k).hashCode()) & 63) >= asideSlot) {
            k++;
        }
        SubjectId first = SubjectId.of("first-" + k); // walked before the subject kept aside
        index.subjectChanged(state(first, 1, false));
        index.subjectChanged(state(aside, 1, true));
        List<SubjectId> walked = new ArrayList<>();
        AtomicBoolean changed = new AtomicBoolean();
        index.forEachSubject(seen -> {
            walked.add(seen.subject().id());
            if (changed.compareAndSet(false, true)) {
                for (int n = 0; n < 200; n++) { // the table grows: the walk goes on over the one it began with
                    index.identifierLinked(hash(n), SubjectId.of("grown-" + n));
                }
                index.subjectChanged(state(aside, 2, false)); // packed again: no longer kept aside
            }
        });
        assertThat(walked).as("a subject changed during the walk is given in one of its states").contains(first, aside);
    }

    @Test
    void many_writers_of_every_kind_and_readers_of_every_kind_never_see_what_was_not_so() throws InterruptedException {
        int writers = 3;
        int subjectsPerWriter = 3_000;
        int versions = 6;
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        AtomicBoolean done = new AtomicBoolean();
        // identifier i of writer w may only ever lead to subjects w-(i)-a or w-(i)-b
        Runnable[] work = new Runnable[writers];
        for (int w = 0; w < writers; w++) {
            int writer = w;
            work[w] = () -> {
              try {
                Random random = new Random(writer);
                for (int v = 1; v <= versions; v++) {
                    for (int i = 0; i < subjectsPerWriter; i++) {
                        SubjectId a = id(writer, i, 'a');
                        SubjectId b = id(writer, i, 'b');
                        IdentifierHash h = hash(writer * 1_000_000 + i);
                        switch (random.nextInt(6)) {
                            case 0 -> index.identifierLinked(h, a);
                            case 1 -> index.identifierLinked(h, b);
                            case 2 -> index.identifierUnlinked(h, random.nextBoolean() ? a : b);
                            case 3 -> index.identifiersReplaced(Map.of(a, random.nextBoolean() ? Set.of(h) : Set.of()));
                            default -> { }
                        }
                        index.subjectChanged(state(a, v, random.nextInt(4) == 0));
                        index.subjectChanged(state(b, v, random.nextInt(4) == 0));
                        if (v == versions - 1 && i % 10 == 0) {
                            index.subjectErased(b, List.of(h));
                        }
                    }
                }
              } catch (RuntimeException e) {
                wrong.add("writer: " + e);
              }
            };
        }
        Runnable reader = () -> {
            Random random = new Random();
            Map<SubjectId, Long> lastVersion = new HashMap<>();
            while (!done.get()) {
                int writer = random.nextInt(writers);
                int i = random.nextInt(subjectsPerWriter);
                SubjectId a = id(writer, i, 'a');
                SubjectId b = id(writer, i, 'b');
                SubjectId subject = random.nextBoolean() ? a : b;
                try {
                    index.subjectOf(hash(writer * 1_000_000 + i)).filter(found -> !found.equals(a) && !found.equals(b))
                            .ifPresent(found -> wrong.add("identifier of " + a + " led to " + found));
                    Optional<SubjectState> seen = index.subject(subject);
                    if (seen.isPresent()) {
                        SubjectState s = seen.get();
                        long version = s.subject().version();
                        if (!s.equals(state(subject, version, false)) && !s.equals(state(subject, version, true))) {
                            wrong.add("not a state of " + subject + ": " + s);
                        }
                        Long before = lastVersion.put(subject, version);
                        if (before != null && before > version) {
                            wrong.add(subject + " went back from version " + before + " to " + version);
                        }
                    }
                    Optional<? extends SubjectView> view = index.view(subject);
                    if (view.isPresent()) {
                        if (!view.get().id().equals(subject)) {
                            wrong.add("view of " + subject + " is of " + view.get().id());
                        }
                        var consent = view.get().consentTo(SMS);
                        if (consent.isEmpty()) {
                            wrong.add("view of " + subject + " lost its consent");
                        } else {
                            long changedMillis = consent.get().grantedAtEpochMilli();
                            if (changedMillis != T0.toEpochMilli()) {
                                wrong.add("view of " + subject + " granted at " + changedMillis);
                            }
                        }
                    }
                } catch (RuntimeException e) {
                    wrong.add(e.toString());
                }
            }
        };
        Runnable walker = () -> {
            while (!done.get()) {
                try {
                    Set<SubjectId> once = new HashSet<>();
                    index.forEachSubject(s -> {
                        if (!once.add(s.subject().id())) {
                            wrong.add("walked twice: " + s.subject().id());
                        }
                        long version = s.subject().version();
                        if (!s.equals(state(s.subject().id(), version, false)) && !s.equals(state(s.subject().id(), version, true))) {
                            wrong.add("walk gave a state that never was: " + s);
                        }
                    });
                } catch (RuntimeException e) {
                    wrong.add("walk: " + e);
                }
            }
        };
        List<Thread> readers = List.of(new Thread(reader), new Thread(reader), new Thread(walker));
        readers.forEach(Thread::start);
        List<Thread> writing = new ArrayList<>();
        for (Runnable r : work) {
            writing.add(new Thread(r));
        }
        writing.forEach(Thread::start);
        for (Thread t : writing) {
            t.join(120_000);
            assertThat(t.isAlive()).as("writer finished within two minutes").isFalse();
        }
        done.set(true);
        for (Thread t : readers) {
            t.join(60_000);
            assertThat(t.isAlive()).as("reader finished within a minute").isFalse();
        }
        assertThat(wrong).as("what readers saw wrong (first of %d)", wrong.size()).isEmpty();
        for (int w = 0; w < writers; w++) {
            for (int i = 0; i < subjectsPerWriter; i++) {
                SubjectId a = id(w, i, 'a');
                assertThat(index.subject(a).map(s -> s.subject().version())).as("%s", a).contains((long) versions);
                if (i % 10 == 0) {
                    assertThat(index.subject(id(w, i, 'b'))).as("erased stays erased").isEmpty();
                }
            }
        }
    }

    @Test
    void states_told_out_of_order_by_racing_writers_never_go_back_for_a_reader() throws InterruptedException {
        int subjects = 2_000;
        int versions = 20;
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        AtomicBoolean done = new AtomicBoolean();
        Runnable ascending = () -> {
            for (int v = 1; v <= versions; v++) {
                for (int i = 0; i < subjects; i++) {
                    index.subjectChanged(state(SubjectId.of("s" + i), v, (i + v) % 5 == 0));
                }
            }
        };
        Runnable shuffled = () -> {
            Random random = new Random(5);
            for (int round = 0; round < versions * subjects; round++) {
                int i = random.nextInt(subjects);
                index.subjectChanged(state(SubjectId.of("s" + i), 1 + random.nextInt(versions), random.nextInt(3) == 0));
            }
        };
        Runnable reader = () -> {
            Random random = new Random();
            Map<Integer, Long> last = new HashMap<>();
            while (!done.get()) {
                int i = random.nextInt(subjects);
                try {
                    index.subject(SubjectId.of("s" + i)).ifPresent(s -> {
                        Long before = last.put(i, s.subject().version());
                        if (before != null && before > s.subject().version()) {
                            wrong.add("s" + i + " went back from " + before + " to " + s.subject().version());
                        }
                    });
                } catch (RuntimeException e) {
                    wrong.add(e.toString());
                }
            }
        };
        List<Thread> writers = List.of(new Thread(ascending), new Thread(shuffled));
        List<Thread> readers = List.of(new Thread(reader), new Thread(reader));
        readers.forEach(Thread::start);
        writers.forEach(Thread::start);
        for (Thread t : writers) {
            t.join(120_000);
            assertThat(t.isAlive()).as("writer finished within two minutes").isFalse();
        }
        done.set(true);
        for (Thread t : readers) {
            t.join(60_000);
            assertThat(t.isAlive()).as("reader finished within a minute").isFalse();
        }
        assertThat(wrong).isEmpty();
        for (int i = 0; i < subjects; i++) {
            assertThat(index.subject(SubjectId.of("s" + i)).map(s -> s.subject().version())).contains((long) versions);
        }
    }

    private static SubjectId id(int writer, int i, char which) {
        return SubjectId.of("w" + writer + "-" + i + "-" + which);
    }

    private static IdentifierHash hash(int n) {
        return new IdentifierHash(String.format("%016x%016x%032x", n * 0x9E3779B97F4A7C15L, (long) n, n));
    }
}
