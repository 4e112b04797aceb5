package org.opencpm.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.opencpm.adapters.persistence.DatabaseSettings;
import org.opencpm.adapters.persistence.JpaPersistence;
import org.opencpm.adapters.persistence.outbox.JpaDeliveryQueue;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.Delivery;
import org.opencpm.domain.audit.AuditDraft;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/**
 * How fast dispatchers can claim and acknowledge deliveries in the persistence adapter's queue,
 * with no connector and no HTTP: 4 dispatcher threads on a queue of 10 changes each of 1,000
 * subjects, claiming 100 at a time and acknowledging each delivery alone, or the batch at once;
 * and claiming one at a time (on 200 subjects). It prints deliveries a second for each; nothing
 * is asserted. It used to be a test of the delivery-queue contract, which it is not: a figure
 * belongs here, where it is run on purpose, not in every build.
 *
 * <pre>java -cp … org.opencpm.benchmarks.DeliveryQueueBench                         (embedded H2 in a temporary directory)
 * java -cp … org.opencpm.benchmarks.DeliveryQueueBench jdbc:postgresql://127.0.0.1:5432/bench postgres ""</pre>
 */
public final class DeliveryQueueBench {

    private static final int DISPATCHERS = 4;
    private static final int VERSIONS = 10;
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final PurposeCode PURPOSE = PurposeCode.of("marketing");

    private record Run(int claimLimit, boolean batched, int subjects) {
    }

    private DeliveryQueueBench() {
    }

    public static void main(String[] args) throws Exception {
        DatabaseSettings settings = args.length > 0
                ? new DatabaseSettings(args[0], args.length > 1 ? args[1] : "", args.length > 2 ? args[2] : "", 10)
                : DatabaseSettings.embeddedH2(Files.createTempDirectory("delivery-queue-bench"));
        try (JpaPersistence persistence = JpaPersistence.start(settings)) {
            for (Run run : List.of(new Run(100, false, 1_000), new Run(100, true, 1_000), new Run(1, false, 200))) {
                measure(persistence, run, settings.url().split(";")[0]);
            }
        }
    }

    private static void measure(JpaPersistence persistence, Run run, String database) throws Exception {
        String connector = "bench-" + System.nanoTime();
        fill(persistence, run.subjects(), connector);
        JpaDeliveryQueue queue = persistence.deliveryQueue();
        int total = run.subjects() * VERSIONS;
        AtomicInteger delivered = new AtomicInteger();
        AtomicInteger claims = new AtomicInteger();
        long started = System.nanoTime();
        race(() -> {
            String owner = "bench-" + Thread.currentThread().threadId();
            while (delivered.get() < total) {
                List<Delivery> batch = queue.claim(connector, run.claimLimit(), Instant.now(), LEASE, owner);
                claims.incrementAndGet();
                if (batch.isEmpty()) {
                    LockSupport.parkNanos(Duration.ofMillis(1).toNanos()); // an idle dispatcher's poll interval
                    continue;
                }
                if (run.batched()) {
                    queue.delivered(batch.stream().map(Delivery::id).toList(), owner, Instant.now());
                } else {
                    for (Delivery delivery : batch) {
                        queue.delivered(List.of(delivery.id()), owner, Instant.now());
                    }
                }
                delivered.addAndGet(batch.size());
            }
            return null;
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("[%s] %d dispatchers, claim(%d) + %s: %,d deliveries in %.2f s = %,.0f deliveries/s (%d claims)%n", database,
                DISPATCHERS, run.claimLimit(), run.batched() ? "delivered(batch)" : "delivered(each)", delivered.get(), seconds,
                delivered.get() / seconds, claims.get());
    }

    /** Versions 1 to 10 of each subject's consent, each audited and enqueued for the connector, 100 changes a transaction. */
    private static void fill(JpaPersistence persistence, int subjectCount, String connector) {
        List<SubjectId> subjects = Stream.generate(SubjectId::newId).limit(subjectCount).toList();
        Instant at = Instant.now();
        for (int version = 1; version <= VERSIONS; version++) {
            long v = version;
            for (int i = 0; i < subjects.size(); i += 100) {
                List<SubjectId> slice = subjects.subList(i, Math.min(subjects.size(), i + 100));
                persistence.transactions().inTransaction(() -> {
                    for (SubjectId subject : slice) {
                        String eventId = persistence.audit().append(AuditDraft.of(AuditEventType.SUBJECT_UPDATED, subject.value(), null,
                                null, at, at, "key:bench", null, null, null, Map.of())).eventId();
                        persistence.outbox().enqueue(new ConsentChange(subject, ConsentChange.Kind.CONSENT, Optional.of(PURPOSE),
                                Optional.of(v % 2 == 0 ? ConsentState.WITHDRAWN : ConsentState.GRANTED), Preferences.none(), v,
                                at.plusMillis(v), false, eventId), List.of(connector));
                    }
                    return null;
                });
            }
        }
    }

    /** Runs {@code task} on every dispatcher thread at once and waits for all. */
    private static void race(Callable<Void> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(DISPATCHERS);
        try {
            List<Future<Void>> running = new ArrayList<>();
            for (int i = 0; i < DISPATCHERS; i++) {
                running.add(pool.submit(task));
            }
            for (Future<Void> future : running) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
