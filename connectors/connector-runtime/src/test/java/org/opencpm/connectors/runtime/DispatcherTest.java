package org.opencpm.connectors.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.Delivery;
import org.opencpm.application.port.out.DeliveryQueue;
import org.opencpm.application.port.out.DeliveryStatus;
import org.opencpm.connectors.api.ChangeBatch;
import org.opencpm.connectors.api.RetryableDeliveryException;
import org.opencpm.connectors.runtime.memory.InMemoryDeliveryQueue;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;


/**
 * How the dispatcher keeps its senders busy without giving up the order per subject. Its time is a
 * {@link FakeDispatchTime} that stands still until a test moves it, so the acknowledgement window
 * and a platform's Retry-After are checked against the time the test sets, never the wall clock.
 */
class DispatcherTest {

    private static final String CONNECTOR = "crm";
    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    private final CountingQueue queue = new CountingQueue(new InMemoryDeliveryQueue(() -> T0));
    private final List<String> sent = Collections.synchronizedList(new ArrayList<>());
    private final FakeDispatchTime time = new FakeDispatchTime(T0);
    private Dispatcher dispatcher;

    @AfterEach
    void close() {
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    @Test
    void messages_sent_at_the_same_time_are_recorded_as_delivered_together() {
        int subjects = 8;
        CountDownLatch allSending = new CountDownLatch(subjects);
        for (int s = 0; s < subjects; s++) {
            offer("sub_" + s, 1);
        }
        start(8, Duration.ofMinutes(2), batch -> {
            allSending.countDown();
            allSending.await(10, TimeUnit.SECONDS); // the eight sends end together
            sent.add(batch.single().subjectId());
        });

        awaitDelivered(subjects);
        assertThat(sent).hasSize(subjects);
        assertThat(queue.deliveredCalls.get()).as("transactions recording the eight deliveries").isEqualTo(1);
    }

    @Test
    void a_sent_message_waits_within_the_window_for_a_send_still_under_way() throws Exception {
        CountDownLatch bSending = new CountDownLatch(1);
        CountDownLatch bMayEnd = new CountDownLatch(1);
        sendAWhileBIsHeld(bSending, bMayEnd);
        assertThat(bSending.await(10, TimeUnit.SECONDS)).isTrue();
        long seen = time.reads();
        await().atMost(Duration.ofSeconds(20)).until(() -> time.reads() > seen + 20); // the dispatcher looked at the time again and again

        assertThat(queue.deliveredCalls.get()).as("the window is not over while the time stands still").isZero();
        bMayEnd.countDown();
        awaitDelivered(2);
        assertThat(queue.deliveredCalls.get()).as("a and b recorded in one transaction").isEqualTo(1);
    }

    @Test
    void once_the_window_is_over_a_sent_message_is_recorded_without_the_send_still_under_way() throws Exception {
        CountDownLatch bSending = new CountDownLatch(1);
        CountDownLatch bMayEnd = new CountDownLatch(1);
        sendAWhileBIsHeld(bSending, bMayEnd);
        assertThat(bSending.await(10, TimeUnit.SECONDS)).isTrue();

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            time.advance(Duration.ofMillis(Dispatcher.ACK_WINDOW_MILLIS));
            return queue.delegate.counts(CONNECTOR).delivered() == 1;
        });
        assertThat(queue.delegate.list(CONNECTOR, DeliveryStatus.INFLIGHT, 10)).extracting(d -> d.change().subject().value())
                .containsExactly("sub_b");
        bMayEnd.countDown();
        awaitDelivered(2);
        assertThat(queue.deliveredCalls.get()).isEqualTo(2);
    }

    @Test
    void a_subjects_next_change_is_sent_only_once_the_one_before_is_recorded_as_delivered() {
        int changes = 20;
        for (int version = 1; version <= changes; version++) {
            offer("sub_one", version);
        }
        List<Integer> deliveredBeforeEachSend = Collections.synchronizedList(new ArrayList<>());
        start(8, Duration.ofMinutes(2), batch -> {
            deliveredBeforeEachSend.add(queue.delegate.list(CONNECTOR, DeliveryStatus.DELIVERED, 1000).size());
            sent.add(Long.toString(batch.single().version()));
        });

        awaitDelivered(changes);
        assertThat(sent).containsExactlyElementsOf(IntStream.rangeClosed(1, changes).mapToObj(Integer::toString).toList());
        assertThat(deliveredBeforeEachSend).containsExactlyElementsOf(IntStream.range(0, changes).boxed().toList());
    }

    @Test
    void messages_claimed_before_the_platform_asks_to_wait_are_not_sent_until_the_wait_is_over() {
        for (int s = 0; s < 5; s++) {
            offer("sub_" + s, 1);
        }
        List<Long> sendTimes = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger calls = new AtomicInteger();
        start(1, Duration.ofHours(4), batch -> {
            sendTimes.add(time.nanoTime());
            if (calls.incrementAndGet() == 1) {
                throw new RetryableDeliveryException("429 Too Many Requests", Duration.ofHours(1));
            }
            sent.add(batch.single().subjectId());
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> nextAttempts().contains(T0.plus(Duration.ofHours(1))));
        long seen = time.reads();
        await().atMost(Duration.ofSeconds(20)).until(() -> time.reads() > seen + 5); // the sender looks at the time, waiting

        assertThat(sent).as("sent during the wait").isEmpty();
        time.advance(Duration.ofHours(1));
        dispatcher.wakeUp(); // its loop sleeps out the pause on the real clock; the retried change is due now
        awaitDelivered(5);
        assertThat(sendTimes.subList(1, sendTimes.size()))
                .allSatisfy(at -> assertThat(at).isGreaterThanOrEqualTo(Duration.ofHours(1).toNanos()));
    }

    @Test
    void messages_claimed_before_a_wait_longer_than_half_the_lease_are_put_back_due_when_it_is_over() {
        for (int s = 0; s < 5; s++) {
            offer("sub_" + s, 1);
        }
        AtomicInteger calls = new AtomicInteger();
        start(1, Duration.ofMinutes(2), batch -> {
            calls.incrementAndGet();
            throw new RetryableDeliveryException("503 Service Unavailable", Duration.ofMinutes(10));
        });

        Instant due = T0.plus(Duration.ofMinutes(10));
        await().atMost(Duration.ofSeconds(20)).until(() -> nextAttempts().equals(Collections.nCopies(5, due)));
        assertThat(calls.get()).isEqualTo(1);
    }

    private List<Instant> nextAttempts() {
        return queue.delegate.list(CONNECTOR, DeliveryStatus.PENDING, 100).stream().map(Delivery::nextAttemptAt).toList();
    }

    private void start(int parallelism, Duration lease, Dispatcher.Sender sender) {
        Dispatcher.Settings settings = new Dispatcher.Settings(64, lease, Duration.ofMillis(20), parallelism, 1, 0, 0,
                new RedeliveryPolicy(5, Duration.ofMillis(10), Duration.ofHours(2), 0.0));
        dispatcher = new Dispatcher(CONNECTOR, Set.of(), queue, sender, (subject, types) -> List.of(), settings, time,
                "node-a", new Scrubber(Set.of()));
        dispatcher.start();
    }

    private void offer(String subject, long version) {
        queue.delegate.offer(new ConsentChange(SubjectId.of(subject), ConsentChange.Kind.CONSENT, Optional.of(PurposeCode.of("marketing")),
                Optional.of(ConsentState.GRANTED), Preferences.none(), version, T0, false, "evt-" + subject + "-" + version), CONNECTOR);
    }

    /** Two messages, sub_a and sub_b, on two send slots: b's send starts and holds until {@code bMayEnd}; a's ends while b is being sent. */
    private void sendAWhileBIsHeld(CountDownLatch bSending, CountDownLatch bMayEnd) throws Exception {
        offer("sub_a", 1);
        offer("sub_b", 1);
        start(2, Duration.ofMinutes(2), batch -> {
            if (batch.single().subjectId().equals("sub_b")) {
                bSending.countDown();
                bMayEnd.await(10, TimeUnit.SECONDS);
            } else {
                bSending.await(10, TimeUnit.SECONDS);
            }
        });
    }

    private void awaitDelivered(int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> queue.delegate.counts(CONNECTOR).delivered() == count);
    }

    /** The in-memory queue, counting the transactions that record deliveries. */
    private static final class CountingQueue implements DeliveryQueue {
        final InMemoryDeliveryQueue delegate;
        final AtomicInteger deliveredCalls = new AtomicInteger();

        CountingQueue(InMemoryDeliveryQueue delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<Delivery> claim(String connectorId, int limit, Instant now, Duration lease, String owner) {
            return delegate.claim(connectorId, limit, now, lease, owner);
        }

        @Override
        public int delivered(List<Long> deliveryIds, String owner, Instant at) {
            deliveredCalls.incrementAndGet();
            return delegate.delivered(deliveryIds, owner, at);
        }

        @Override
        public boolean retryLater(long deliveryId, String owner, Instant nextAttemptAt, String error) {
            return delegate.retryLater(deliveryId, owner, nextAttemptAt, error);
        }

        @Override
        public boolean dead(long deliveryId, String owner, Instant at, String error) {
            return delegate.dead(deliveryId, owner, at, error);
        }

        @Override
        public int release(String owner, Instant now) {
            return delegate.release(owner, now);
        }
    }
}
