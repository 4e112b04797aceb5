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
public final class ParallelHashing implements AutoCloseable {

    static final int BATCH = 1024;

    private final int threads;
    private final BiConsumer<AuditEvent, Boolean> verifier;
    private final ExecutorService pool;
    private final CanonicalWriter writer;
    private final ArrayDeque<Batch> inFlight = new ArrayDeque<>();
    private List<AuditEvent> batch = new ArrayList<>(BATCH);

    /**
     * Events {@link #add added} reach {@code verifier} in order, each with whether its content matches
     * its hash; on {@code threads} ≤ 1 everything runs on the caller's thread. {@link #finish} flushes.
     */
    public ParallelHashing(int threads, BiConsumer<AuditEvent, Boolean> verifier) {
        this.threads = threads;
        this.verifier = verifier;
        this.writer = threads <= 1 ? new CanonicalWriter() : null;
        this.pool = threads <= 1 ? null : Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "audit-verify");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Gives every event of {@code events}, in order, to {@code verifier}, hashed on {@code threads} threads. */
    public static void feed(Iterator<AuditEvent> events, int threads, BiConsumer<AuditEvent, Boolean> verifier) {
        try (ParallelHashing hashing = new ParallelHashing(threads, verifier)) {
            events.forEachRemaining(hashing::add);
            hashing.finish();
        }
    }

    /** The next event of the chain. */
    public void add(AuditEvent event) {
        if (pool == null) {
            verifier.accept(event, writer.matchesItsHash(event));
            return;
        }
        batch.add(event);
        if (batch.size() == BATCH) {
            submit();
            if (inFlight.size() > 2 * threads) {
                inFlight.poll().feed(verifier);
            }
        }
    }

    /** Hands every event added so far to the verifier. */
    public void finish() {
        if (pool == null) {
            return;
        }
        if (!batch.isEmpty()) {
            submit();
        }
        while (!inFlight.isEmpty()) {
            inFlight.poll().feed(verifier);
        }
    }

    private void submit() {
        List<AuditEvent> full = batch;
        inFlight.add(new Batch(full, pool.submit(() -> AuditChainVerifier.contentMatches(full))));
        batch = new ArrayList<>(BATCH);
    }

    /** Stops the threads (events not {@link #finish finished} are dropped). */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
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
