package org.opencpm.connectors.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.Delivery;
import org.opencpm.application.port.out.DeliveryCounts;
import org.opencpm.application.port.out.DeliveryQueue;
import org.opencpm.application.port.out.DeliveryStatus;
import org.opencpm.application.port.out.DeliveryQueue.ReplayResult;
import org.opencpm.connectors.api.ChangeBatch;
import org.opencpm.connectors.api.RetryableDeliveryException;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.InMemoryDeliveryQueue;

/** How the dispatcher keeps its senders busy without giving up the order per subject. */
class DispatcherTest {

    private static final String CONNECTOR = "crm";

    private final CountingQueue queue = new CountingQueue(new InMemoryDeliveryQueue());
    private final List<String> sent = Collections.synchronizedList(new ArrayList<>());
    private Dispatcher dispatcher;

    @AfterEach
    void close() {
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    @Test
    void messages_sent_at_the_same_time_are_recorded_as_delivered_together() throws Exception {
        int subjects = 8;
        CountDownLatch allSending = new CountDownLatch(subjects);
        for (int s = 0; s < subjects; s++) {
            offer("sub_" + s, 1);
        }
        start(8, batch -> {
            allSending.countDown();
            allSending.await(10, TimeUnit.SECONDS); // the eight sends end together
            sent.add(batch.single().subjectId());
        });

        awaitDelivered(subjects);
        assertThat(sent).hasSize(subjects);
        assertThat(queue.deliveredCalls.get()).as("transactions recording the eight deliveries").isLessThan(subjects);
    }

    @Test
    void a_subjects_next_change_is_sent_only_once_the_one_before_is_recorded_as_delivered() {
        int changes = 20;
        for (int version = 1; version <= changes; version++) {
            offer("sub_one", version);
        }
        List<Integer> deliveredBeforeEachSend = Collections.synchronizedList(new ArrayList<>());
        start(8, batch -> {
            deliveredBeforeEachSend.add(queue.list(CONNECTOR, DeliveryStatus.DELIVERED, 1000).size());
            sent.add(Long.toString(batch.single().version()));
        });

        awaitDelivered(changes);
        assertThat(sent).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, changes).mapToObj(Integer::toString).toList());
        assertThat(deliveredBeforeEachSend).containsExactlyElementsOf(java.util.stream.IntStream.range(0, changes).boxed().toList());
    }

    @Test
    void messages_claimed_before_the_platform_asks_to_wait_are_not_sent_until_the_wait_is_over() {
        for (int s = 0; s < 5; s++) {
            offer("sub_" + s, 1);
        }
        List<Long> sendTimes = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger calls = new AtomicInteger();
        long[] askedAt = new long[1];
        start(1, batch -> {
            sendTimes.add(System.nanoTime());
            if (calls.incrementAndGet() == 1) {
                askedAt[0] = System.nanoTime();
                throw new RetryableDeliveryException("429 Too Many Requests", Duration.ofMillis(800));
            }
            sent.add(batch.single().subjectId());
        });

        awaitDelivered(5);
        // The four other subjects were claimed with the first; none of them went out during the wait.
        assertThat(sendTimes.subList(1, sendTimes.size()))
                .allSatisfy(at -> assertThat(at - askedAt[0]).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(750)));
    }

    private void start(int parallelism, Dispatcher.Sender sender) {
        Dispatcher.Settings settings = new Dispatcher.Settings(64, Duration.ofMinutes(2), Duration.ofMillis(20), parallelism, 1, 0, 0,
                new RedeliveryPolicy(5, Duration.ofMillis(10), Duration.ofSeconds(2), 0.0));
        dispatcher = new Dispatcher(CONNECTOR, Set.of(), queue, sender, (subject, types) -> List.of(), settings, Clock.systemUTC(),
                "node-a", new Scrubber(Set.of()));
        dispatcher.start();
    }

    private void offer(String subject, long version) {
        queue.delegate.offer(new ConsentChange(SubjectId.of(subject), ConsentChange.Kind.CONSENT, Optional.of(PurposeCode.of("marketing")),
                Optional.of(ConsentState.GRANTED), Preferences.none(), version, Instant.now(), false, "evt-" + subject + "-" + version), CONNECTOR);
    }

    private void awaitDelivered(int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> queue.counts(CONNECTOR).delivered() == count);
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

        @Override
        public List<Delivery> list(String connectorId, DeliveryStatus status, int limit) {
            return delegate.list(connectorId, status, limit);
        }

        @Override
        public ReplayResult replay(String connectorId, List<Long> ids, Instant now) {
            return delegate.replay(connectorId, ids, now);
        }

        @Override
        public int purgeDelivered(Instant before) {
            return delegate.purgeDelivered(before);
        }

        @Override
        public DeliveryCounts counts(String connectorId) {
            return delegate.counts(connectorId);
        }
    }
}
