package org.opencpm.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.out.AuditTrail;
import org.opencpm.application.port.out.Transactions;
import org.opencpm.domain.audit.AuditChain;
import org.opencpm.domain.audit.AuditChainVerifier;
import org.opencpm.domain.audit.AuditDraft;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.audit.AuditHead;
import org.opencpm.domain.audit.VerificationResult;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.contract.AuditSelectionContract;

/**
 * The audit trail on a real database: events read back exactly as sealed, so that the chain
 * verifies; appenders on many threads still make one linear chain; long chains stream in order
 * a page at a time; exports select by subject, purpose, type and time in the database ({@link
 * Selecting}). Runs on each database through a subclass.
 */
public abstract class AuditTrailContract extends OnDatabase {

    /** Exports by subject, purpose, type and time, selected in the database ({@link AuditSelectionContract}, which the in-memory trail passes too). */
    @Nested
    class Selecting extends AuditSelectionContract {

        @Override
        protected AuditTrail trail() {
            return persistence.audit();
        }

        @Override
        protected Transactions transactions() {
            return persistence.transactions();
        }
    }

    @Test
    void an_event_reads_back_exactly_as_it_was_sealed_nulls_and_details_included() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("zeta", "last key, first written");
        details.put("action", "grant");
        details.put("evidenceText", "“我同意” \"quoted\" \\ back\\slash\nnew line\ttab \u0001 control 😀");
        details.put("empty", "");
        details.put("guardianIdentifiers", "a".repeat(64) + "," + "b".repeat(64));
        details.put("topics.promotions", "false");
        AuditDraft full = AuditDraft.of(AuditEventType.CONSENT_RECORDED, "sub_" + unique(), "marketing-sms", "granted",
                T0.plusNanos(999_999), T0.plusSeconds(1).plusNanos(1_500_000), "key:crm", "miniprogram", "privacy-policy", "2026-01",
                details);
        AuditDraft sparse = AuditDraft.of(AuditEventType.API_KEY_CREATED, null, null, null, T0, T0, "system", null, null, null, Map.of());

        AuditEvent first = persistence.audit().append(full);
        AuditEvent second = persistence.audit().append(sparse);

        assertThat(persistence.audit().find(first.eventId())).contains(first);
        assertThat(persistence.audit().find(second.eventId())).contains(second);
        AuditEvent readBack = persistence.audit().find(second.eventId()).orElseThrow();
        assertThat(readBack.subjectId()).isNull();
        assertThat(readBack.channel()).isNull();
        assertThat(readBack.noticeVersion()).isNull();
        assertThat(readBack.details()).isEmpty();
        assertThat(AuditChain.hashOf(persistence.audit().find(first.eventId()).orElseThrow())).isEqualTo(first.hash());
        assertThat(second.prevHash()).isEqualTo(first.hash());
        assertThat(persistence.audit().find("no-such-event")).isEmpty();
    }

    @Test
    void the_whole_chain_streams_in_order_and_verifies_up_to_the_head() {
        for (int i = 0; i < 5; i++) {
            persistence.audit().append(draft(SubjectId.newId(), T0.plusMillis(i)));
        }
        Optional<AuditHead> head = persistence.audit().head();

        VerificationResult result = verify(persistence.audit().events(Optional.empty(), Optional.empty()));

        assertThat(result.valid()).as(result.toString()).isTrue();
        assertThat(head).isPresent();
        assertThat(result.events()).isGreaterThanOrEqualTo(head.get().seq());
        assertThat(result.lastHash()).isPresent();
        AuditChainVerifier verifier = new AuditChainVerifier();
        try (Stream<AuditEvent> events = persistence.audit().events(Optional.empty(), Optional.empty())) {
            events.takeWhile(e -> e.seq() <= head.get().seq()).forEach(verifier::accept);
        }
        assertThat(verifier.result(head).valid()).isTrue();
    }

    @Test
    void appends_from_32_threads_at_once_make_one_linear_chain() throws Exception {
        long before = persistence.audit().head().map(AuditHead::seq).orElse(0L);
        SubjectId subject = SubjectId.newId();

        List<List<AuditEvent>> appended = StoresContract.race(32, () -> {
            List<AuditEvent> mine = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                mine.add(persistence.transactions().inTransaction(() -> persistence.audit().append(draft(subject, T0))));
            }
            return mine;
        });

        List<Long> seqs = appended.stream().flatMap(List::stream).map(AuditEvent::seq).sorted().toList();
        assertThat(seqs).hasSize(320).doesNotHaveDuplicates();
        assertThat(persistence.audit().head().orElseThrow().seq()).isGreaterThanOrEqualTo(before + 320);
        try (Stream<AuditEvent> ofSubject = persistence.audit().eventsOf(subject)) {
            assertThat(ofSubject.map(AuditEvent::seq).toList()).containsExactlyElementsOf(seqs);
        }
        VerificationResult result = verify(persistence.audit().events(Optional.empty(), Optional.empty()));
        assertThat(result.valid()).as(result.toString()).isTrue();
    }

    @Test
    void thousands_of_events_stream_in_sequence_order_a_page_at_a_time() {
        SubjectId subject = SubjectId.newId();
        List<String> ids = new ArrayList<>();
        for (int batch = 0; batch < 11; batch++) {
            persistence.transactions().inTransaction(() -> {
                for (int i = 0; i < 500; i++) {
                    ids.add(persistence.audit().append(draft(subject, T0)).eventId());
                }
                return null;
            });
        }

        try (Stream<AuditEvent> ofSubject = persistence.audit().eventsOf(subject)) {
            assertThat(ofSubject.map(AuditEvent::eventId).toList()).containsExactlyElementsOf(ids);
        }
        long[] last = {0};
        long[] count = {0};
        try (Stream<AuditEvent> all = persistence.audit().events(Optional.empty(), Optional.empty())) {
            all.forEach(event -> {
                assertThat(event.seq()).isEqualTo(last[0] + 1);
                last[0] = event.seq();
                count[0]++;
            });
        }
        assertThat(count[0]).isGreaterThanOrEqualTo(5_500);
        try (Stream<AuditEvent> firstThree = persistence.audit().events(Optional.empty(), Optional.empty()).limit(3)) {
            assertThat(firstThree.map(AuditEvent::seq).toList()).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void events_are_selected_by_when_they_were_recorded_from_inclusive_to_exclusive() {
        SubjectId subject = SubjectId.newId();
        Instant base = Instant.parse("2031-03-01T00:00:00Z"); // after every other test's events
        List<AuditEvent> events = IntStream.range(0, 4)
                .mapToObj(hour -> persistence.audit().append(draft(subject, base.plus(Duration.ofHours(hour)))))
                .toList();

        try (Stream<AuditEvent> window = persistence.audit().events(Optional.of(base.plus(Duration.ofHours(1))),
                Optional.of(base.plus(Duration.ofHours(3))))) {
            assertThat(window.toList()).containsExactly(events.get(1), events.get(2));
        }
        try (Stream<AuditEvent> since = persistence.audit().events(Optional.of(base.plus(Duration.ofHours(3))), Optional.empty())) {
            assertThat(since.filter(e -> subject.value().equals(e.subjectId())).toList()).containsExactly(events.get(3));
        }
    }

    @Test
    void a_rolled_back_append_leaves_no_trace_and_the_chain_goes_on_from_the_last_committed_event() {
        SubjectId subject = SubjectId.newId();
        AuditEvent committed = persistence.audit().append(draft(subject, T0));
        List<AuditEvent> rolledBack = new ArrayList<>();

        assertThatThrownBy(() -> persistence.transactions().inTransaction(() -> {
            rolledBack.add(persistence.audit().append(draft(subject, T0)));
            throw new IllegalStateException("the outbox write failed");
        })).isInstanceOf(IllegalStateException.class);
        AuditEvent next = persistence.audit().append(draft(subject, T0));

        assertThat(persistence.audit().find(rolledBack.get(0).eventId())).isEmpty();
        try (Stream<AuditEvent> ofSubject = persistence.audit().eventsOf(subject)) {
            assertThat(ofSubject.toList()).containsExactly(committed, next);
        }
        assertThat(verify(persistence.audit().events(Optional.empty(), Optional.empty())).valid()).isTrue();
    }

    /**
     * One commit group: the first unit holds the writer until three more are queued behind it,
     * then they run in order inside one database transaction. The second appends and fails: it is
     * rolled back to its savepoint, and the third must link to the first — not to the head the
     * failed one had moved (the head of the group's earlier units is remembered, not re-read).
     */
    @Test
    void in_one_commit_group_an_append_rolled_back_with_its_unit_does_not_become_the_next_units_head() throws Exception {
        SubjectId subject = SubjectId.newId();
        JpaTransactions transactions = persistence.transactions();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // a thread per caller (not the common pool, which may have one thread on a small machine)
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
        CompletableFuture<AuditEvent> holder = CompletableFuture.supplyAsync(() -> transactions.inTransaction(() -> {
            AuditEvent first = persistence.audit().append(draft(subject, T0));
            holding.countDown();
            await(release);
            return first;
        }), callers);
        await(holding);
        List<AuditEvent> failedAppend = new ArrayList<>();
        List<CompletableFuture<AuditEvent>> queued = new ArrayList<>();
        queued.add(queueBehind(callers, transactions, 0, () -> persistence.audit().append(draft(subject, T0))));
        queued.add(queueBehind(callers, transactions, 1, () -> {
            failedAppend.add(persistence.audit().append(draft(subject, T0)));
            throw new IllegalStateException("the unit failed after its append");
        }));
        queued.add(queueBehind(callers, transactions, 2, () -> persistence.audit().append(draft(subject, T0))));
        release.countDown();

        AuditEvent first = holder.get(30, TimeUnit.SECONDS);
        AuditEvent second = queued.get(0).get(30, TimeUnit.SECONDS);
        assertThatThrownBy(() -> queued.get(1).get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
        AuditEvent third = queued.get(2).get(30, TimeUnit.SECONDS);
        callers.shutdown();

        assertThat(failedAppend).hasSize(1);
        assertThat(persistence.audit().find(failedAppend.get(0).eventId())).isEmpty();
        assertThat(third.prevHash()).isEqualTo(second.hash());
        try (Stream<AuditEvent> ofSubject = persistence.audit().eventsOf(subject)) {
            assertThat(ofSubject.toList()).containsExactly(first, second, third);
        }
        assertThat(persistence.audit().head().orElseThrow()).isEqualTo(new AuditHead(third.seq(), third.hash()));
        assertThat(verify(persistence.audit().events(Optional.empty(), Optional.empty())).valid()).isTrue();
    }

    /** Submits {@code work} from a thread of its own once {@code ahead} units wait for the writer, and returns when it waits too. */
    private static <T> CompletableFuture<T> queueBehind(ExecutorService callers, JpaTransactions transactions, int ahead,
                                                        Supplier<T> work) {
        awaitWaiting(transactions, ahead);
        CompletableFuture<T> outcome = CompletableFuture.supplyAsync(() -> transactions.inTransaction(work), callers);
        awaitWaiting(transactions, ahead + 1);
        return outcome;
    }

    private static void awaitWaiting(JpaTransactions transactions, int units) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (transactions.waitingForWriter() < units) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(units + " units never queued for the writer");
            }
            Thread.onSpinWait();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static VerificationResult verify(Stream<AuditEvent> chain) {
        AuditChainVerifier verifier = new AuditChainVerifier();
        try (chain) {
            chain.forEach(verifier::accept);
        }
        return verifier.result();
    }

    private static AuditDraft draft(SubjectId subject, Instant at) {
        return AuditDraft.of(AuditEventType.CONSENT_RECORDED, subject.value(), "marketing-sms", "granted", at, at, "key:test", "web",
                null, null, Map.of("action", "grant", "version", "1"));
    }
}
