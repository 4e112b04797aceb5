package org.opencpm.testfixtures.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.DeadLetters;
import org.opencpm.application.port.out.DeadLetters.ReplayResult;
import org.opencpm.application.port.out.Delivery;
import org.opencpm.application.port.out.DeliveryCounts;
import org.opencpm.application.port.out.DeliveryQueue;
import org.opencpm.application.port.out.DeliveryRetention;
import org.opencpm.application.port.out.DeliveryStatus;
import org.opencpm.application.port.out.Outbox;
import org.opencpm.application.port.out.Transactions;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/**
 * What every implementation of the delivery ports must do — {@link DeliveryQueue} (claims and
 * outcomes), {@link DeadLetters} (figures, lists, replays) and {@link DeliveryRetention} (the
 * purge) — over the {@link Outbox} that feeds them: deliveries written with their change or not at
 * all, claims that keep each subject's changes in order and never hand out one delivery twice,
 * under many claimers on two nodes, leases that run out, outcomes only from the lease holder, a
 * restarted node's release, retries, the dead-letter store and its replay (superseded changes not
 * sent again), the figures, a person's deliveries page by page, the purge of old receipts. Each
 * test works on connectors (and, where it matters, lease owners and instants) of its own, so that
 * the tests can share one store.
 *
 * <p>Run against the database queue on H2, PostgreSQL and MariaDB (the persistence adapter's
 * {@code JpaDeliveryQueueContract}, which adds what is the database's own: ids, column limits,
 * rows behind the stores' back) and against the in-memory queue that the core's tests and the
 * connector test kit run on ({@code InMemoryDeliveryQueueTest} in the test fixtures).
 */
public abstract class DeliveryQueueContract {

    /** Whole milliseconds, as a database stores them. */
    protected static final Instant T0 = Instant.parse("2026-11-29T02:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final PurposeCode MARKETING_SMS = PurposeCode.of("marketing-sms");
    private static final PurposeCode MARKETING_EMAIL = PurposeCode.of("marketing-email");

    protected abstract DeliveryQueue queue();

    protected abstract DeadLetters deadLetters();

    protected abstract DeliveryRetention retention();

    /** Writes the changes of the queue under test ({@link #outbox()} joins these transactions). */
    protected abstract Transactions transactions();

    protected abstract Outbox outbox();

    /** The queue as a second node sharing the store of {@link #queue()} sees it. */
    protected abstract DeliveryQueue secondNode();

    /**
     * The id of an audit event of a change of {@code subject}, as the outbox needs one (called
     * inside the transaction of the change): the database outbox keys its rows by that event's
     * sequence number, so it must be recorded; the in-memory one takes any id.
     */
    protected abstract String auditEventId(SubjectId subject);

    // ---------------------------------------------------------------- enqueue

    @Test
    void enqueue_writes_one_pending_delivery_per_connector_with_the_change_and_rolls_back_with_it() {
        String crm = connector();
        String sms = connector();
        SubjectId subject = SubjectId.newId();
        ConsentChange change = transactions().inTransaction(() -> enqueue(subject, 1, List.of(crm, sms, crm)));

        Delivery toCrm = single(deadLetters().list(crm, DeliveryStatus.PENDING, 10));
        Delivery toSms = single(deadLetters().list(sms, DeliveryStatus.PENDING, 10));
        assertThat(toCrm.change()).isEqualTo(change);
        assertThat(toSms.change()).isEqualTo(change);
        assertThat(toCrm).extracting(Delivery::connectorId, Delivery::status, Delivery::attempts, Delivery::lastError,
                Delivery::deliveredAt).containsExactly(crm, DeliveryStatus.PENDING, 0, Optional.empty(), Optional.empty());
        assertThat(toCrm.nextAttemptAt()).as("due at once").isBefore(T0);
        assertThat(toSms.id()).isNotEqualTo(toCrm.id());

        String rolledBackTo = connector();
        assertThatThrownBy(() -> transactions().inTransaction(() -> {
            enqueue(SubjectId.newId(), 1, List.of(rolledBackTo, crm));
            throw new IllegalStateException("the consent write failed after the outbox");
        })).hasMessageContaining("failed after the outbox");
        assertThat(deadLetters().counts(rolledBackTo)).isEqualTo(DeliveryCounts.NONE);
        assertThat(deadLetters().list(crm, DeliveryStatus.PENDING, 10)).containsExactly(toCrm);
        assertThat(queue().claim(rolledBackTo, 10, T0, LEASE, "node-a")).isEmpty();
    }

    // ---------------------------------------------------------------- claiming

    @Test
    void a_claim_takes_due_deliveries_oldest_first_up_to_its_limit_and_only_its_connectors() {
        String crm = connector();
        String other = connector();
        List<SubjectId> subjects = subjects(5);
        List<ConsentChange> changes = transactions().inTransaction(() ->
                subjects.stream().map(s -> enqueue(s, 1, List.of(crm, other))).toList());
        Instant now = Instant.now();

        assertThat(queue().claim(crm, 0, now, LEASE, "node-a")).isEmpty();
        List<Delivery> first = queue().claim(crm, 3, now, LEASE, "node-a");
        assertThat(first).extracting(Delivery::change).containsExactlyElementsOf(changes.subList(0, 3));
        assertThat(first).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.INFLIGHT);
            assertThat(d.connectorId()).isEqualTo(crm);
            assertThat(d.attempts()).isZero();
        });
        assertThat(first).extracting(Delivery::id).isSorted();
        assertThat(queue().claim(crm, 3, now, LEASE, "node-b")).extracting(Delivery::change)
                .containsExactlyElementsOf(changes.subList(3, 5));
        assertThat(queue().claim(crm, 3, now, LEASE, "node-b")).isEmpty();
        assertThat(deadLetters().list(crm, DeliveryStatus.INFLIGHT, 10)).hasSize(5);
        assertThat(deadLetters().list(other, DeliveryStatus.PENDING, 10)).hasSize(5);
    }

    @Test
    void a_delivery_to_retry_waits_for_its_next_attempt() {
        String crm = connector();
        SubjectId subject = SubjectId.newId();
        transactions().inTransaction(() -> enqueue(subject, 1, List.of(crm)));
        Instant now = T0;
        long id = single(queue().claim(crm, 10, now, LEASE, "node-a")).id();

        assertThat(queue().retryLater(id, "node-a", now.plusSeconds(60), "HTTP 503 from the platform")).isTrue();

        assertThat(queue().claim(crm, 10, now, LEASE, "node-a")).isEmpty();
        assertThat(queue().claim(crm, 10, now.plusMillis(59_999), LEASE, "node-a")).isEmpty();
        Delivery again = single(queue().claim(crm, 10, now.plusSeconds(60), LEASE, "node-a"));
        assertThat(again).extracting(Delivery::id, Delivery::attempts, Delivery::lastError, Delivery::nextAttemptAt)
                .containsExactly(id, 1, Optional.of("HTTP 503 from the platform"), now.plusSeconds(60));
    }

    @Test
    void a_later_change_of_a_subject_waits_while_an_earlier_one_is_pending_or_in_flight_but_not_when_it_is_dead() {
        String crm = connector();
        SubjectId s = SubjectId.newId();
        SubjectId r = SubjectId.newId();
        transactions().inTransaction(() -> {
            enqueue(s, 1, List.of(crm));
            enqueue(s, 2, List.of(crm));
            enqueue(r, 1, List.of(crm));
            return enqueue(s, 3, List.of(crm));
        });
        Instant now = T0;

        List<Delivery> heads = queue().claim(crm, 10, now, LEASE, "node-a");
        assertThat(heads).extracting(d -> d.change().subject(), d -> d.change().version()).containsExactly(tuple(s, 1L), tuple(r, 1L));
        assertThat(queue().claim(crm, 10, now, LEASE, "node-b")).as("s v2 waits while v1 is in flight").isEmpty();

        assertThat(queue().delivered(List.of(heads.get(0).id()), "node-a", now)).isEqualTo(1);
        Delivery v2 = single(queue().claim(crm, 10, now, LEASE, "node-b"));
        assertThat(v2.change().version()).isEqualTo(2);

        queue().retryLater(v2.id(), "node-b", now.plusSeconds(30), "timeout");
        assertThat(queue().claim(crm, 10, now, LEASE, "node-b")).as("s v3 waits while v2 is pending, even not yet due").isEmpty();
        assertThat(single(queue().claim(crm, 10, now.plusSeconds(30), LEASE, "node-b")).id()).isEqualTo(v2.id());

        queue().dead(v2.id(), "node-b", now.plusSeconds(31), "HTTP 400: unknown member");
        Delivery v3 = single(queue().claim(crm, 10, now.plusSeconds(31), LEASE, "node-a"));
        assertThat(v3.change().version()).as("a dead change does not hold later ones back").isEqualTo(3);
    }

    @Test
    void a_replayed_dead_delivery_waits_until_no_other_delivery_of_its_subject_is_in_flight() {
        String crm = connector();
        SubjectId s = SubjectId.newId();
        // another purpose: a later change of the same purpose would supersede the dead one instead
        transactions().inTransaction(() -> {
            enqueue(s, 1, List.of(crm));
            return enqueueChange(s, 2, Optional.of(MARKETING_EMAIL), List.of(crm));
        });
        Instant now = T0;
        Delivery v1 = single(queue().claim(crm, 10, now, LEASE, "node-a"));
        queue().dead(v1.id(), "node-a", now, "HTTP 400");
        Delivery v2 = single(queue().claim(crm, 10, now, LEASE, "node-a"));

        assertThat(deadLetters().replay(crm, List.of(v1.id()), now.plusSeconds(5))).isEqualTo(new ReplayResult(1, 0));
        assertThat(queue().claim(crm, 10, now.plusSeconds(5), LEASE, "node-b")).as("never two of one subject in flight").isEmpty();

        queue().delivered(List.of(v2.id()), "node-a", now.plusSeconds(6));
        Delivery replayed = single(queue().claim(crm, 10, now.plusSeconds(6), LEASE, "node-b"));
        assertThat(replayed).extracting(Delivery::id, Delivery::attempts, Delivery::nextAttemptAt, Delivery::lastError)
                .containsExactly(v1.id(), 0, now.plusSeconds(5), Optional.of("HTTP 400"));
    }

    @Test
    void a_lease_that_ran_out_makes_its_delivery_pending_again_and_holds_the_subject_until_then() {
        String crm = connector();
        SubjectId s = SubjectId.newId();
        transactions().inTransaction(() -> {
            enqueue(s, 1, List.of(crm));
            return enqueue(s, 2, List.of(crm));
        });
        Instant now = T0;
        Delivery leased = single(queue().claim(crm, 10, now, Duration.ofSeconds(30), "node-a"));

        assertThat(queue().claim(crm, 10, now.plusMillis(29_999), LEASE, "node-b")).isEmpty();
        assertThat(deadLetters().list(crm, DeliveryStatus.INFLIGHT, 10)).extracting(Delivery::id).containsExactly(leased.id());

        Delivery reclaimed = single(queue().claim(crm, 10, now.plusSeconds(30), LEASE, "node-b"));
        assertThat(reclaimed.id()).isEqualTo(leased.id());
        assertThat(reclaimed.change().version()).as("the expired v1 again, not v2").isEqualTo(1);
        assertThat(reclaimed.attempts()).isZero();
        assertThat(queue().claim(crm, 10, now.plusSeconds(31), LEASE, "node-c")).isEmpty();
    }

    // ---------------------------------------------------------------- acknowledgements

    @Test
    void acknowledgements_count_attempts_and_keep_errors_and_times_and_a_delivered_delivery_stays_delivered() {
        String crm = connector();
        List<SubjectId> subjects = subjects(2);
        transactions().inTransaction(() -> subjects.stream().map(s -> enqueue(s, 1, List.of(crm))).toList());
        Instant now = T0;
        List<Delivery> claimed = queue().claim(crm, 10, now, LEASE, "node-a");
        Delivery first = claimed.get(0);
        Delivery second = claimed.get(1);

        assertThat(queue().retryLater(second.id(), "node-a", now, "HTTP 503")).isTrue();
        Delivery retrying = single(deadLetters().list(crm, DeliveryStatus.PENDING, 10));
        assertThat(retrying.lastError()).contains("HTTP 503");
        assertThat(retrying.attempts()).isEqualTo(1);
        assertThat(queue().retryLater(second.id(), "node-a", now, "again, but it is no longer in flight")).isFalse();
        assertThat(single(queue().claim(crm, 10, now, LEASE, "node-a")).id()).isEqualTo(second.id());
        String unicode = "平台返回错误 😀 \"quoted\" \\ ";
        assertThat(queue().retryLater(second.id(), "node-a", now, unicode)).isTrue();
        assertThat(single(deadLetters().list(crm, DeliveryStatus.PENDING, 10))).satisfies(d -> {
            assertThat(d.lastError()).contains(unicode);
            assertThat(d.attempts()).isEqualTo(2);
        });

        assertThat(queue().delivered(List.of(first.id()), "node-a", now.plusMillis(1234))).isEqualTo(1);
        assertThat(queue().delivered(List.of(first.id()), "node-a", now.plusSeconds(99))).isZero();
        assertThat(queue().retryLater(first.id(), "node-a", now.plusSeconds(99), "late")).isFalse();
        assertThat(queue().dead(first.id(), "node-a", now.plusSeconds(99), "late")).isFalse();
        Delivery delivered = single(deadLetters().list(crm, DeliveryStatus.DELIVERED, 10));
        assertThat(delivered).extracting(Delivery::id, Delivery::attempts, Delivery::deliveredAt, Delivery::lastError)
                .containsExactly(first.id(), 1, Optional.of(now.plusMillis(1234)), Optional.empty());

        assertThat(single(queue().claim(crm, 10, now, LEASE, "node-a")).id()).isEqualTo(second.id());
        assertThat(queue().dead(second.id(), "node-a", now.plusSeconds(2), "HTTP 400")).isTrue();
        assertThat(single(deadLetters().list(crm, DeliveryStatus.DEAD, 10))).extracting(Delivery::id, Delivery::attempts, Delivery::lastError)
                .containsExactly(second.id(), 3, Optional.of("HTTP 400"));

        long unknown = Long.MAX_VALUE - 7;
        assertThat(queue().delivered(List.of(unknown), "node-a", now)).isZero();
        assertThat(queue().retryLater(unknown, "node-a", now, "x")).isFalse();
        assertThat(queue().dead(unknown, "node-a", now, "x")).isFalse();
    }

    @Test
    void an_outcome_from_a_node_that_does_not_hold_the_lease_changes_nothing() {
        String crm = connector();
        SubjectId subject = SubjectId.newId();
        transactions().inTransaction(() -> enqueue(subject, 1, List.of(crm)));
        Instant now = T0;
        Delivery leased = single(queue().claim(crm, 10, now, Duration.ofSeconds(30), "node-a"));

        assertThat(queue().delivered(List.of(leased.id()), "node-b", now)).isZero();
        assertThat(queue().retryLater(leased.id(), "node-b", now, "not mine")).isFalse();
        assertThat(queue().dead(leased.id(), "node-b", now, "not mine")).isFalse();
        assertThat(single(deadLetters().list(crm, DeliveryStatus.INFLIGHT, 10)))
                .extracting(Delivery::id, Delivery::attempts, Delivery::lastError).containsExactly(leased.id(), 0, Optional.empty());

        // node-a hangs past its lease; node-b claims the delivery again
        assertThat(single(queue().claim(crm, 10, now.plusSeconds(30), LEASE, "node-b")).id()).isEqualTo(leased.id());
        assertThat(queue().dead(leased.id(), "node-a", now.plusSeconds(31), "late: HTTP 400")).isFalse();
        assertThat(queue().retryLater(leased.id(), "node-a", now.plusSeconds(31), "late: timeout")).isFalse();
        assertThat(queue().delivered(List.of(leased.id()), "node-a", now.plusSeconds(31))).isZero();
        assertThat(single(deadLetters().list(crm, DeliveryStatus.INFLIGHT, 10)).attempts()).isZero();

        assertThat(queue().delivered(List.of(leased.id()), "node-b", now.plusSeconds(32))).isEqualTo(1);
        assertThat(single(deadLetters().list(crm, DeliveryStatus.DELIVERED, 10)))
                .extracting(Delivery::attempts, Delivery::deliveredAt, Delivery::lastError)
                .containsExactly(1, Optional.of(now.plusSeconds(32)), Optional.empty());
    }

    @Test
    void delivered_marks_a_whole_message_in_one_call_and_counts_only_the_owners_in_flight_deliveries() {
        String crm = connector();
        List<SubjectId> subjects = subjects(701);
        transactions().inTransaction(() -> subjects.stream().map(s -> enqueue(s, 1, List.of(crm))).toList());
        List<Delivery> claimed = queue().claim(crm, 700, T0, LEASE, "node-a");
        assertThat(claimed).hasSize(700);
        Delivery someoneElses = single(queue().claim(crm, 10, T0, LEASE, "node-b"));

        List<Long> ids = new ArrayList<>(claimed.stream().map(Delivery::id).toList());
        ids.add(Long.MAX_VALUE - 3); // unknown: passed over
        ids.add(ids.get(0)); // twice: once
        ids.add(someoneElses.id()); // in flight for node-b: passed over
        assertThat(queue().delivered(ids, "node-a", T0.plusSeconds(1))).isEqualTo(700);
        assertThat(queue().delivered(ids, "node-a", T0.plusSeconds(2))).isZero();
        assertThat(queue().delivered(List.of(), "node-a", T0)).isZero();
        assertThat(deadLetters().counts(crm))
                .isEqualTo(new DeliveryCounts(0, 1, 700, 0, 0, Optional.of(someoneElses.createdAt().toEpochMilli())));
        assertThat(deadLetters().list(crm, DeliveryStatus.DELIVERED, 1000)).hasSize(700).allSatisfy(d -> {
            assertThat(d.deliveredAt()).contains(T0.plusSeconds(1));
            assertThat(d.attempts()).isEqualTo(1);
        });
        assertThat(single(deadLetters().list(crm, DeliveryStatus.INFLIGHT, 10)).id()).isEqualTo(someoneElses.id());
    }

    @Test
    void release_makes_a_nodes_in_flight_deliveries_claimable_again_at_once_while_another_nodes_stay_leased() {
        String crm = connector();
        String sms = connector();
        String restarted = "node-" + unique(); // a release is for all the owner's deliveries: owners of this test's own
        String running = "node-" + unique();
        String another = "node-" + unique();
        List<SubjectId> subjects = subjects(4);
        transactions().inTransaction(() -> subjects.stream().map(s -> enqueue(s, 1, List.of(crm, sms))).toList());
        SubjectId later = subjects.get(0);
        transactions().inTransaction(() -> enqueue(later, 2, List.of(crm)));
        Instant now = T0;
        List<Delivery> restartedsCrm = queue().claim(crm, 2, now, LEASE, restarted);
        queue().retryLater(restartedsCrm.get(1).id(), restarted, now, "HTTP 503");
        assertThat(single(queue().claim(crm, 1, now, LEASE, restarted)).id()).isEqualTo(restartedsCrm.get(1).id());
        List<Delivery> runningsCrm = queue().claim(crm, 10, now, LEASE, running);
        assertThat(runningsCrm).extracting(d -> d.change().subject()).containsExactly(subjects.get(2), subjects.get(3));
        Delivery restartedsSms = single(queue().claim(sms, 1, now, LEASE, restarted));
        assertThat(queue().claim(crm, 10, now.plusSeconds(1), LEASE, another)).as("all leased, the subject's v2 waits").isEmpty();

        Instant restart = now.plusSeconds(1);
        assertThat(queue().release(restarted, restart)).isEqualTo(3);

        assertThat(queue().claim(crm, 10, restart, LEASE, another))
                .as("the restarted node's, at once, in order, with their attempts; not the v2 behind the first, nor the running node's")
                .extracting(Delivery::id, Delivery::attempts, Delivery::nextAttemptAt, Delivery::lastError)
                .containsExactly(tuple(restartedsCrm.get(0).id(), 0, restart, Optional.empty()),
                        tuple(restartedsCrm.get(1).id(), 1, restart, Optional.of("HTTP 503")));
        assertThat(queue().claim(sms, 10, restart, LEASE, another)).extracting(Delivery::id).hasSize(4).contains(restartedsSms.id());
        assertThat(queue().delivered(List.of(restartedsCrm.get(0).id()), restarted, restart)).as("no longer the restarted node's")
                .isZero();
        assertThat(queue().delivered(runningsCrm.stream().map(Delivery::id).toList(), running, restart)).as("still the running node's")
                .isEqualTo(2);
        assertThat(queue().release(restarted, restart)).isZero();
    }

    // ---------------------------------------------------------------- dead letters and figures

    @Test
    void list_gives_a_connectors_deliveries_in_one_status_oldest_first_and_counts_sum_them_up() {
        String crm = connector();
        List<SubjectId> subjects = subjects(6);
        transactions().inTransaction(() -> subjects.stream().map(s -> enqueue(s, 1, List.of(crm))).toList());
        Instant now = T0;
        List<Delivery> all = deadLetters().list(crm, DeliveryStatus.PENDING, 100);
        assertThat(all).hasSize(6).extracting(Delivery::id).isSorted();

        List<Delivery> claimed = queue().claim(crm, 4, now, LEASE, "node-a");
        queue().delivered(List.of(claimed.get(0).id()), "node-a", now);
        queue().retryLater(claimed.get(1).id(), "node-a", now.plusSeconds(60), "HTTP 429");
        queue().dead(claimed.get(2).id(), "node-a", now, "HTTP 400");
        // claimed.get(3) stays in flight; all.get(4) and all.get(5) were never claimed

        DeliveryCounts counts = deadLetters().counts(crm);
        assertThat(counts).isEqualTo(new DeliveryCounts(3, 1, 1, 1, 1, Optional.of(all.get(1).createdAt().toEpochMilli())));
        assertThat(deadLetters().list(crm, DeliveryStatus.PENDING, 100)).extracting(Delivery::id)
                .containsExactly(all.get(1).id(), all.get(4).id(), all.get(5).id());
        assertThat(deadLetters().list(crm, DeliveryStatus.PENDING, 2)).extracting(Delivery::id).containsExactly(all.get(1).id(), all.get(4).id());
        assertThat(deadLetters().list(crm, DeliveryStatus.INFLIGHT, 100)).extracting(Delivery::id).containsExactly(all.get(3).id());
        assertThat(deadLetters().list(crm, DeliveryStatus.DEAD, 100)).singleElement()
                .satisfies(d -> assertThat(d.change()).isEqualTo(all.get(2).change()));
        assertThat(deadLetters().list(crm, DeliveryStatus.DELIVERED, 100)).extracting(Delivery::id).containsExactly(all.get(0).id());
        assertThat(deadLetters().list(crm, DeliveryStatus.PENDING, 0)).isEmpty();
        assertThat(deadLetters().counts(connector())).isEqualTo(DeliveryCounts.NONE);
        assertThat(deadLetters().list(connector(), DeliveryStatus.DEAD, 10)).isEmpty();
    }

    @Test
    void of_subject_pages_a_persons_deliveries_to_every_connector_in_id_order_with_their_outcomes() {
        String crm = connector();
        String sms = connector();
        SubjectId person = SubjectId.newId();
        SubjectId someoneElse = SubjectId.newId();
        transactions().inTransaction(() -> List.of(enqueue(person, 1, List.of(crm, sms)), enqueue(someoneElse, 1, List.of(crm, sms)),
                enqueueChange(person, 2, Optional.empty(), List.of(crm))));
        Delivery first = queue().claim(crm, 10, T0, LEASE, "node-a").stream()
                .filter(d -> d.change().subject().equals(person)).findFirst().orElseThrow();
        queue().delivered(List.of(first.id()), "node-a", T0.plusSeconds(1));

        List<Delivery> all = deadLetters().ofSubject(person, 0, 100);

        assertThat(all).hasSize(3).extracting(Delivery::id).isSorted();
        assertThat(all).allSatisfy(d -> assertThat(d.change().subject()).isEqualTo(person));
        assertThat(all).extracting(d -> d.connectorId(), d -> d.change().version(), Delivery::status).containsExactlyInAnyOrder(
                tuple(crm, 1L, DeliveryStatus.DELIVERED), tuple(sms, 1L, DeliveryStatus.PENDING), tuple(crm, 2L, DeliveryStatus.PENDING));
        assertThat(all.getFirst()).satisfies(d -> {
            assertThat(d.id()).isEqualTo(first.id());
            assertThat(d.deliveredAt()).contains(T0.plusSeconds(1));
            assertThat(d.attempts()).isEqualTo(1);
        });
        assertThat(all.getLast().change().kind()).isEqualTo(ConsentChange.Kind.PREFERENCES);
        assertThat(deadLetters().ofSubject(person, 0, 2)).as("a page").containsExactlyElementsOf(all.subList(0, 2));
        assertThat(deadLetters().ofSubject(person, all.get(1).id(), 2)).as("the next page").containsExactly(all.get(2));
        assertThat(deadLetters().ofSubject(person, all.get(2).id(), 2)).as("past the last").isEmpty();
        assertThat(deadLetters().ofSubject(person, 0, 0)).isEmpty();
        assertThat(deadLetters().ofSubject(SubjectId.newId(), 0, 10)).as("a subject never sent anywhere").isEmpty();
    }

    @Test
    void replay_makes_the_chosen_or_all_dead_deliveries_of_its_connector_pending_with_their_attempts_reset() {
        String crm = connector();
        String other = connector();
        List<SubjectId> subjects = subjects(4);
        transactions().inTransaction(() -> subjects.stream().map(s -> enqueue(s, 1, List.of(crm, other))).toList());
        Instant now = T0;
        List<Delivery> claimed = queue().claim(crm, 10, now, LEASE, "node-a");
        for (int i = 0; i < 3; i++) {
            queue().retryLater(claimed.get(i).id(), "node-a", now, "HTTP 500");
        }
        assertThat(queue().claim(crm, 10, now, LEASE, "node-a")).hasSize(3).allSatisfy(d ->
                assertThat(queue().dead(d.id(), "node-a", now, "HTTP 500 again")).isTrue());
        Delivery otherDead = single(queue().claim(other, 1, now, LEASE, "node-a"));
        queue().dead(otherDead.id(), "node-a", now, "HTTP 400");

        assertThat(deadLetters().replay(crm, List.of(claimed.get(1).id(), otherDead.id(), claimed.get(3).id()), now.plusSeconds(10)))
                .as("only dead ones of this connector").isEqualTo(new ReplayResult(1, 0));
        Delivery replayed = single(deadLetters().list(crm, DeliveryStatus.PENDING, 10));
        assertThat(replayed).extracting(Delivery::id, Delivery::attempts, Delivery::nextAttemptAt, Delivery::lastError)
                .containsExactly(claimed.get(1).id(), 0, now.plusSeconds(10), Optional.of("HTTP 500 again"));

        assertThat(deadLetters().replay(crm, List.of(), now.plusSeconds(20))).isEqualTo(new ReplayResult(2, 0));
        assertThat(deadLetters().replay(crm, List.of(), now.plusSeconds(30))).isEqualTo(new ReplayResult(0, 0));
        assertThat(deadLetters().list(crm, DeliveryStatus.PENDING, 10)).extracting(Delivery::id)
                .containsExactly(claimed.get(0).id(), claimed.get(1).id(), claimed.get(2).id());
        assertThat(deadLetters().list(other, DeliveryStatus.DEAD, 10)).extracting(Delivery::id).containsExactly(otherDead.id());
        assertThat(deadLetters().counts(crm)).extracting(DeliveryCounts::pending, DeliveryCounts::failed, DeliveryCounts::inflight,
                DeliveryCounts::dead).containsExactly(3L, 0L, 1L, 0L);
    }

    @Test
    void replay_supersedes_a_dead_delivery_only_when_a_later_change_of_its_purpose_was_delivered_or_is_on_its_way() {
        String crm = connector();
        String other = connector();
        SubjectId overtaken = SubjectId.newId(); // sms v1 dead, sms v2 delivered: superseded
        SubjectId otherPurpose = SubjectId.newId(); // sms v1 dead, email v2 delivered
        SubjectId laterPending = SubjectId.newId(); // sms v1 dead, sms v2 pending (to retry): superseded
        SubjectId otherConnector = SubjectId.newId(); // sms v1 dead, sms v2 delivered to another connector only
        SubjectId earlierDelivered = SubjectId.newId(); // sms v1 delivered, sms v2 dead
        Instant now = T0;
        transactions().inTransaction(() -> Stream.of(overtaken, otherPurpose, laterPending, otherConnector, earlierDelivered)
                .map(s -> enqueue(s, 1, List.of(crm))).toList());
        List<Delivery> firsts = queue().claim(crm, 10, now, LEASE, "node-a");
        assertThat(firsts).hasSize(5);
        firsts.subList(0, 4).forEach(d -> queue().dead(d.id(), "node-a", now, "HTTP 400"));
        queue().delivered(List.of(firsts.get(4).id()), "node-a", now);
        transactions().inTransaction(() -> List.of(
                enqueue(overtaken, 2, List.of(crm)),
                enqueueChange(otherPurpose, 2, Optional.of(MARKETING_EMAIL), List.of(crm)),
                enqueue(laterPending, 2, List.of(crm)),
                enqueue(otherConnector, 2, List.of(other)),
                enqueue(earlierDelivered, 2, List.of(crm))));
        List<Delivery> seconds = queue().claim(crm, 10, now, LEASE, "node-a");
        assertThat(seconds).extracting(d -> d.change().subject()).containsExactly(overtaken, otherPurpose, laterPending, earlierDelivered);
        queue().delivered(List.of(seconds.get(0).id(), seconds.get(1).id()), "node-a", now.plusSeconds(1));
        queue().retryLater(seconds.get(2).id(), "node-a", now.plusSeconds(3600), "HTTP 503");
        queue().dead(seconds.get(3).id(), "node-a", now.plusSeconds(1), "HTTP 400");
        queue().delivered(List.of(single(queue().claim(other, 10, now, LEASE, "node-a")).id()), "node-a", now.plusSeconds(1));

        Instant replayedAt = now.plusSeconds(10);
        assertThat(deadLetters().replay(crm, List.of(), replayedAt)).isEqualTo(new ReplayResult(3, 2));

        assertThat(deadLetters().list(crm, DeliveryStatus.DEAD, 10)).isEmpty();
        assertThat(deadLetters().list(crm, DeliveryStatus.PENDING, 10))
                .extracting(d -> d.change().subject(), d -> d.change().version(), Delivery::attempts)
                .containsExactly(tuple(otherPurpose, 1L, 0), tuple(otherConnector, 1L, 0),
                        tuple(laterPending, 2L, 1), tuple(earlierDelivered, 2L, 0));
        assertThat(deadLetters().list(crm, DeliveryStatus.DELIVERED, 10)).filteredOn(d -> d.id() == firsts.get(0).id()).singleElement()
                .extracting(Delivery::attempts, Delivery::deliveredAt, Delivery::lastError)
                .containsExactly(1, Optional.of(replayedAt), Optional.of(DeadLetters.SUPERSEDED));
        assertThat(deadLetters().counts(crm)).extracting(DeliveryCounts::delivered, DeliveryCounts::dead).containsExactly(5L, 0L);
    }

    @Test
    void a_dead_preference_change_is_superseded_only_by_a_later_delivered_preference_change() {
        String crm = connector();
        SubjectId overtaken = SubjectId.newId(); // preferences v1 dead, preferences v2 delivered: superseded
        SubjectId consentLater = SubjectId.newId(); // preferences v1 dead, consent v2 delivered
        SubjectId preferencesLater = SubjectId.newId(); // consent v1 dead, preferences v2 delivered
        Instant now = T0;
        transactions().inTransaction(() -> List.of(
                enqueueChange(overtaken, 1, Optional.empty(), List.of(crm)),
                enqueueChange(consentLater, 1, Optional.empty(), List.of(crm)),
                enqueue(preferencesLater, 1, List.of(crm))));
        List<Delivery> dead = queue().claim(crm, 10, now, LEASE, "node-a");
        dead.forEach(d -> queue().dead(d.id(), "node-a", now, "HTTP 400"));
        transactions().inTransaction(() -> List.of(
                enqueueChange(overtaken, 2, Optional.empty(), List.of(crm)),
                enqueue(consentLater, 2, List.of(crm)),
                enqueueChange(preferencesLater, 2, Optional.empty(), List.of(crm))));
        List<Delivery> later = queue().claim(crm, 10, now, LEASE, "node-a");
        assertThat(queue().delivered(later.stream().map(Delivery::id).toList(), "node-a", now.plusSeconds(1))).isEqualTo(3);

        assertThat(deadLetters().replay(crm, dead.stream().map(Delivery::id).toList(), now.plusSeconds(10))).isEqualTo(new ReplayResult(2, 1));

        assertThat(deadLetters().list(crm, DeliveryStatus.PENDING, 10)).extracting(d -> d.change().subject(), d -> d.change().kind())
                .containsExactly(tuple(consentLater, ConsentChange.Kind.PREFERENCES), tuple(preferencesLater, ConsentChange.Kind.CONSENT));
        assertThat(deadLetters().list(crm, DeliveryStatus.DELIVERED, 10)).filteredOn(d -> d.id() == dead.get(0).id()).singleElement()
                .extracting(Delivery::lastError).isEqualTo(Optional.of(DeadLetters.SUPERSEDED));
    }

    // ---------------------------------------------------------------- purging receipts

    @Test
    void purge_deletes_what_was_delivered_before_the_cutoff_but_what_an_earlier_dead_delivery_of_its_subject_needs() {
        // instants long before any other test's deliveries (the purge is not per connector); what this test
        // leaves is never delivered, so that no other test's purge counts it
        Instant longAgo = Instant.parse("1990-01-01T00:00:00Z");
        Instant cutoff = longAgo.plus(Duration.ofDays(100));
        Instant recently = cutoff.plus(Duration.ofDays(1));
        String crm = connector();
        List<SubjectId> subjects = subjects(5); // delivered long ago, delivered recently, dead, in flight, to retry
        SubjectId deadFirst = SubjectId.newId(); // v1 dead, v2 delivered long ago: v2 stays while v1 may be replayed
        transactions().inTransaction(() -> {
            subjects.forEach(s -> enqueue(s, 1, List.of(crm)));
            enqueue(deadFirst, 1, List.of(crm));
            return enqueue(deadFirst, 2, List.of(crm));
        });
        List<Delivery> firsts = queue().claim(crm, 10, longAgo, LEASE, "node-p");
        assertThat(firsts).hasSize(6);
        queue().delivered(List.of(firsts.get(0).id()), "node-p", longAgo);
        queue().delivered(List.of(firsts.get(1).id()), "node-p", recently);
        queue().dead(firsts.get(2).id(), "node-p", longAgo, "HTTP 400");
        queue().retryLater(firsts.get(4).id(), "node-p", recently, "HTTP 503");
        queue().dead(firsts.get(5).id(), "node-p", longAgo, "HTTP 400");
        Delivery v2 = single(queue().claim(crm, 10, longAgo, LEASE, "node-p"));
        queue().delivered(List.of(v2.id()), "node-p", longAgo);

        assertThat(retention().purgeDelivered(cutoff)).isEqualTo(1);

        assertThat(deadLetters().list(crm, DeliveryStatus.DELIVERED, 10)).extracting(Delivery::id)
                .containsExactly(firsts.get(1).id(), v2.id());
        assertThat(deadLetters().counts(crm)).extracting(DeliveryCounts::pending, DeliveryCounts::inflight, DeliveryCounts::delivered,
                DeliveryCounts::dead).containsExactly(1L, 1L, 2L, 2L);
        assertThat(retention().purgeDelivered(cutoff)).isZero();

        assertThat(deadLetters().replay(crm, List.of(firsts.get(5).id()), longAgo.plusSeconds(60))).isEqualTo(new ReplayResult(0, 1));
        assertThat(retention().purgeDelivered(cutoff)).as("the superseded one and the one that superseded it").isEqualTo(2);
        assertThat(retention().purgeDelivered(recently.plusMillis(1))).isEqualTo(1);
        assertThat(deadLetters().counts(crm)).extracting(DeliveryCounts::pending, DeliveryCounts::inflight, DeliveryCounts::delivered,
                DeliveryCounts::dead).containsExactly(1L, 1L, 0L, 1L);
    }

    // ---------------------------------------------------------------- under concurrency

    /**
     * Eight dispatchers on two nodes ({@link #queue()} and {@link #secondNode()}) claim in small
     * batches, "send" each batch (2 ms) and acknowledge each delivery, one in ten with a retry at
     * once (at most twice per delivery), while a writer keeps enqueueing. A dispatcher marks a delivery and its subject
     * busy from the moment its claim returned until just before it acknowledges: if the database
     * ever handed out a delivery twice, or let two deliveries of one subject be in flight at once,
     * two of these windows would overlap (the converse need not hold, so no false alarm).
     */
    @Test
    void concurrent_claimers_on_two_nodes_deliver_every_change_once_in_each_subjects_order() throws Exception {
        String crm = connector();
        int subjectCount = 200;
        int versions = 10;
        int total = subjectCount * versions;
        List<SubjectId> subjects = subjects(subjectCount);
        // half before the dispatchers start, each subject's versions one after the other; half while they
        // run, a round of versions at a time
        for (int i = 0; i < subjectCount; i += 20) {
            List<SubjectId> slice = subjects.subList(i, i + 20);
            transactions().inTransaction(() -> slice.stream()
                    .flatMap(s -> LongStream.rangeClosed(1, versions / 2).mapToObj(v -> enqueue(s, v, List.of(crm)))).toList());
        }

        Map<SubjectId, Long> busySubjects = new ConcurrentHashMap<>();
        Set<Long> busyDeliveries = ConcurrentHashMap.newKeySet();
        Set<Long> deliveredIds = ConcurrentHashMap.newKeySet();
        Map<SubjectId, List<Long>> order = new ConcurrentHashMap<>();
        List<String> violations = new CopyOnWriteArrayList<>();
        AtomicInteger retries = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);

        List<DeliveryQueue> nodes = List.of(queue(), secondNode());
        AtomicInteger numbers = new AtomicInteger();
        List<Integer> results = Racing.race(9, () -> {
            int number = numbers.getAndIncrement();
            if (number == 8) { // the writer
                enqueueRounds(subjects, versions / 2 + 1, versions, crm);
                return 0;
            }
            DeliveryQueue queue = nodes.get(number % 2);
            String owner = "node-" + (number % 2) + "/dispatcher-" + number;
            int mine = 0;
            while (deliveredIds.size() < total && System.nanoTime() < deadline && violations.isEmpty()) {
                List<Delivery> batch = queue.claim(crm, 16, Instant.now(), LEASE, owner);
                if (batch.isEmpty()) {
                    Thread.sleep(1); // an idle dispatcher's poll interval
                    continue;
                }
                for (Delivery d : batch) {
                    if (deliveredIds.contains(d.id()) || !busyDeliveries.add(d.id())) {
                        violations.add("claimed twice: " + d.id());
                    }
                    Long other = busySubjects.putIfAbsent(d.change().subject(), d.id());
                    if (other != null) {
                        violations.add("two in flight for " + d.change().subject() + ": " + other + " and " + d.id());
                    }
                }
                Thread.sleep(2); // sending the batch: the deliveries are in flight meanwhile
                for (Delivery d : batch) {
                    boolean retry = d.attempts() < 2 && ThreadLocalRandom.current().nextInt(10) == 0;
                    if (!retry) {
                        order.computeIfAbsent(d.change().subject(), s -> Collections.synchronizedList(new ArrayList<>()))
                                .add(d.change().version());
                    }
                    busySubjects.remove(d.change().subject(), d.id());
                    busyDeliveries.remove(d.id());
                    if (retry) {
                        if (!queue.retryLater(d.id(), owner, Instant.now(), "flaky")) {
                            violations.add("a retry of " + d.id() + " by the lease holder was refused");
                        }
                        retries.incrementAndGet();
                    } else {
                        deliveredIds.add(d.id());
                        if (queue.delivered(List.of(d.id()), owner, Instant.now()) != 1) {
                            violations.add("the delivery of " + d.id() + " by the lease holder was refused");
                        }
                        mine++;
                    }
                }
            }
            return mine;
        });
        assertThat(violations).isEmpty();
        assertThat(results.stream().mapToInt(Integer::intValue).sum()).as("delivered by the dispatchers").isEqualTo(total);
        assertThat(deliveredIds).hasSize(total);
        assertThat(retries).as("some deliveries were retried").hasPositiveValue();
        List<Long> inOrder = LongStream.rangeClosed(1, versions).boxed().toList();
        assertThat(order).hasSize(subjectCount).allSatisfy((subject, seen) -> assertThat(seen).as("%s", subject).isEqualTo(inOrder));
        assertThat(deadLetters().counts(crm)).isEqualTo(new DeliveryCounts(0, 0, total, 0, 0, Optional.empty()));
    }

    // ---------------------------------------------------------------- helpers

    private static String connector() {
        return "c-" + unique();
    }

    /** A short random token to keep this test's data apart from the others'. */
    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static List<SubjectId> subjects(int n) {
        return Stream.generate(SubjectId::newId).limit(n).toList();
    }

    private static Delivery single(List<Delivery> deliveries) {
        assertThat(deliveries).hasSize(1);
        return deliveries.get(0);
    }

    /** A consent change of {@code subject} to {@code version}, audited and enqueued for {@code connectors} (inside a transaction). */
    private ConsentChange enqueue(SubjectId subject, long version, List<String> connectors) {
        return enqueueChange(subject, version, Optional.of(MARKETING_SMS), List.copyOf(connectors));
    }

    /**
     * A change of {@code subject} to {@code version}, audited and enqueued for {@code connectors}
     * (inside a transaction): a consent change of {@code purpose}, or a preference change without one.
     */
    private ConsentChange enqueueChange(SubjectId subject, long version, Optional<PurposeCode> purpose, List<String> connectors) {
        ConsentChange change = new ConsentChange(subject, purpose.isPresent() ? ConsentChange.Kind.CONSENT : ConsentChange.Kind.PREFERENCES,
                purpose, purpose.map(p -> version % 2 == 0 ? ConsentState.WITHDRAWN : ConsentState.GRANTED), Preferences.none(), version,
                T0.plusMillis(version), version % 2 == 0, auditEventId(subject));
        outbox().enqueue(change, connectors);
        return change;
    }

    /** Versions {@code from..to} of every subject, a round of versions at a time, 100 changes a transaction. */
    private void enqueueRounds(List<SubjectId> subjects, int from, int to, String connector) {
        for (int version = from; version <= to; version++) {
            long v = version;
            for (int i = 0; i < subjects.size(); i += 100) {
                List<SubjectId> slice = subjects.subList(i, Math.min(subjects.size(), i + 100));
                transactions().inTransaction(() -> slice.stream().map(s -> enqueue(s, v, List.of(connector))).toList());
            }
        }
    }
}
