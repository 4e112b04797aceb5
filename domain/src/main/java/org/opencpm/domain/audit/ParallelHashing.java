package org.opencpm.domain.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

/**
 * Feeds a chain to a verifier in order while the costly, independent part of verification — each
 * event's canonical form and SHA-256 ({@link AuditChainVerifier#contentMatches}) — runs on other
 * threads, a batch at a time (P8: verification scales with the cores instead of stopping at one).
 * Links, sequence numbers, checkpoints and keys are still checked in order, on the caller's thread,
 * by the verifier it is given; the verdict is the one a single thread would reach.
 *
 * <p>Memory stays bounded whatever the chain's length: at most {@code 2 × threads + 1} batches of
 * {@value #BATCH} events are held. The caller's thread keeps reading (from the database, from a
 * file) while the batches are hashed.
 */
public final class ParallelHashing {

    static final int BATCH = 1024;

    private ParallelHashing() {
    }

    /**
     * Gives every event of {@code events}, in order, to {@code verifier} with whether its content
     * matches its hash; on {@code threads} ≤ 1 everything runs on the caller's thread.
     */
    public static void feed(Iterator<AuditEvent> events, int threads, BiConsumer<AuditEvent, Boolean> verifier) {
        if (threads <= 1) {
            CanonicalWriter writer = new CanonicalWriter();
            events.forEachRemaining(e -> verifier.accept(e, writer.matchesItsHash(e)));
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "audit-verify");
            thread.setDaemon(true);
            return thread;
        });
        try {
            ArrayDeque<Batch> inFlight = new ArrayDeque<>();
            List<AuditEvent> batch = new ArrayList<>(BATCH);
            while (events.hasNext()) {
                batch.add(events.next());
                if (batch.size() == BATCH) {
                    inFlight.add(new Batch(batch, pool.submit(hashing(batch))));
                    batch = new ArrayList<>(BATCH);
                    if (inFlight.size() > 2 * threads) {
                        inFlight.poll().feed(verifier);
                    }
                }
            }
            if (!batch.isEmpty()) {
                inFlight.add(new Batch(batch, pool.submit(hashing(batch))));
            }
            while (!inFlight.isEmpty()) {
                inFlight.poll().feed(verifier);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A worker's job: one writer per batch (a writer is not shared between threads). */
    private static java.util.concurrent.Callable<boolean[]> hashing(List<AuditEvent> batch) {
        return () -> AuditChainVerifier.contentMatches(batch);
    }

    private record Batch(List<AuditEvent> events, Future<boolean[]> matches) {

        void feed(BiConsumer<AuditEvent, Boolean> verifier) {
            boolean[] ok;
            try {
                ok = matches.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("verification interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("hashing a batch of events failed", e.getCause());
            }
            for (int i = 0; i < ok.length; i++) {
                verifier.accept(events.get(i), ok[i]);
            }
        }
    }
}
