package org.opencpm.connectors.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.opencpm.application.port.out.Delivery;
import org.opencpm.application.port.out.DeliveryQueue;
import org.opencpm.connectors.api.ChangeBatch;
import org.opencpm.connectors.api.ConsentChange;
import org.opencpm.connectors.api.PlatformAnswer;

/**
 * Carries one connector's deliveries: claims what is due (the oldest undelivered change of each
 * subject, so a subject's changes go out in order), groups them into batches when the connector
 * batches, sends them through the connector's route — throttled, several at once — and records
 * the outcome: delivered, retried later with back-off, or dead. Everything it decides is kept in
 * the {@link DeliveryQueue}, so a restart carries on where it stopped.
 *
 * <p>It keeps the senders busy: {@code parallelism} threads send, the next claim is made while
 * the last messages of the one before are still being sent (never more than {@code claimLimit +
 * parallelism × batchSize} deliveries claimed and unfinished), and the messages sent within a few
 * milliseconds of each other are recorded as delivered together, in one transaction, by a thread
 * of their own. Neither changes the order per subject: a claim never takes a subject that has a
 * delivery in flight, and a delivery stays in flight until its outcome is recorded.
 */
final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());
    /** How long the first of a group of sent messages waits for others to be recorded with it. */
    static final long ACK_WINDOW_MILLIS = 5;
    /** Deliveries recorded as delivered in one transaction, at most. */
    static final int ACK_GROUP = 500;
    private static final long ACK_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** How a dispatcher works. */
    record Settings(int claimLimit, Duration lease, Duration idlePoll, int parallelism, int batchSize, long batchWindowMillis,
                    double ratePerSecond, RedeliveryPolicy policy) {
    }

    /** Sends one message through the connector's route; throws what the route threw. */
    @FunctionalInterface
    interface Sender {
        void send(ChangeBatch batch) throws Exception;
    }

    /** A {@link Sender} that also returns the platform's answer when the connector reads it ({@link AnswerReading#answerOf}). */
    @FunctionalInterface
    interface AnsweringSender {
        Optional<PlatformAnswer> send(ChangeBatch batch) throws Exception;
    }

    private final String connectorId;
    private final Set<String> identifierTypes;
    private final DeliveryQueue queue;
    private final AnsweringSender sender;
    private final AnswerReading answers;
    private final IdentifierResolver identifiers;
    private final Settings settings;
    private final DispatchTime time;
    private final String owner;
    private final Scrubber scrubber;
    private final RateLimiter limiter;
    /** {@code parallelism} threads: the platform is sent that many messages at once, at most. */
    private final ExecutorService sends;
    /** Deliveries claimed and not yet finished, counted against {@code claimLimit + parallelism × batchSize}. */
    private final Semaphore outstanding;
    private final Acknowledgements acknowledgements;
    private final Thread loop;
    private volatile boolean running = true;
    /** A platform that said "slow down" (429 or 503 with Retry-After) is left alone until then, for every subject. */
    private volatile long pausedUntilNanos;

    /** A dispatcher that reads every answer the host's way. */
    Dispatcher(String connectorId, Set<String> identifierTypes, DeliveryQueue queue, Sender sender, IdentifierResolver identifiers,
               Settings settings, DispatchTime time, String owner, Scrubber scrubber) {
        this(connectorId, identifierTypes, queue, batch -> {
            sender.send(batch);
            return Optional.empty();
        }, identifiers, settings, time, owner, scrubber, AnswerReading.STANDARD);
    }

    Dispatcher(String connectorId, Set<String> identifierTypes, DeliveryQueue queue, AnsweringSender sender, IdentifierResolver identifiers,
               Settings settings, DispatchTime time, String owner, Scrubber scrubber, AnswerReading answers) {
        this.connectorId = connectorId;
        this.identifierTypes = Set.copyOf(identifierTypes);
        this.queue = queue;
        this.sender = sender;
        this.answers = answers;
        this.identifiers = identifiers;
        this.settings = settings;
        this.time = time;
        this.pausedUntilNanos = time.nanoTime();
        this.owner = owner;
        this.scrubber = scrubber;
        this.limiter = new RateLimiter(settings.ratePerSecond(), time);
        this.sends = Executors.newFixedThreadPool(Math.max(1, settings.parallelism()),
                Thread.ofPlatform().daemon(true).name("opencpm-send-" + connectorId + "-", 1).factory());
        this.acknowledgements = new Acknowledgements();
        this.outstanding = new Semaphore(settings.claimLimit() + Math.max(1, settings.parallelism()) * Math.max(1, settings.batchSize()));
        this.loop = Thread.ofPlatform().daemon(true).name("opencpm-dispatch-" + connectorId).unstarted(this::run);
    }

    void start() {
        acknowledgements.thread.start();
        loop.start();
    }

    /** Looks for work at once (after a replay, say) instead of at the next poll. */
    void wakeUp() {
        LockSupport.unpark(loop);
    }

    private void run() {
        while (running) {
            try {
                long pause = pausedUntilNanos - time.nanoTime();
                if (pause > 0) {
                    LockSupport.parkNanos(pause);
                    continue;
                }
                // A claim takes up to claimLimit at once (claims of one connector take turns across
                // nodes, so small ones would cap the rate). The next claim is made as soon as no more
                // than the senders' own worth is left of the last one, so they never wait for a claim.
                int limit = settings.claimLimit();
                outstanding.acquireUninterruptibly(limit);
                List<Delivery> claimed = List.of();
                try {
                    if (running) {
                        claimed = claim(limit);
                        if (!claimed.isEmpty() && settings.batchSize() > 1 && claimed.size() < settings.batchSize()
                                && settings.batchWindowMillis() > 0) {
                            claimed = fill(claimed);
                        }
                    }
                } finally {
                    outstanding.release(limit - claimed.size());
                }
                if (claimed.isEmpty()) {
                    if (running) {
                        LockSupport.parkNanos(settings.idlePoll().toNanos());
                    }
                    continue;
                }
                // What is claimed is sent, even when closing: close() waits for the sends.
                for (List<Delivery> message : chunk(claimed, settings.batchSize())) {
                    sends.execute(() -> carry(message));
                }
            } catch (RuntimeException | Error failure) {
                if (running) {
                    LOG.log(Level.WARNING, "dispatcher of connector " + connectorId + " failed a round; trying again shortly", failure);
                    LockSupport.parkNanos(settings.idlePoll().multipliedBy(10).toNanos());
                }
            }
        }
    }

    private List<Delivery> claim(int limit) {
        return queue.claim(connectorId, limit, time.instant(), settings.lease(), owner);
    }

    /**
     * Waits while the platform asked to be left alone (429 or 503 with {@code Retry-After}) before
     * a message claimed earlier goes out. A wait longer than half the lease is not spent holding
     * the lease: the message is put back, due when the wait is over. False when the message is not
     * to be sent now (put back, or the dispatcher is closing — its lease is then released at the
     * next start, or runs out).
     */
    private boolean awaitPause(List<Delivery> message) {
        long wait = pausedUntilNanos - time.nanoTime();
        while (running && wait > 0 && wait <= settings.lease().toNanos() / 2) {
            LockSupport.parkNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(50)));
            wait = pausedUntilNanos - time.nanoTime();
        }
        if (wait <= 0) {
            return true;
        }
        Instant due = time.instant().plusNanos(wait);
        for (Delivery delivery : message) {
            queue.retryLater(delivery.id(), owner, due, "the platform asked to wait (Retry-After)");
        }
        return false;
    }

    /** A claimed message's way out, on a sender thread: the platform's pause if any, the send. */
    private void carry(List<Delivery> message) {
        boolean handedOn = false;
        try {
            if (awaitPause(message)) {
                acknowledgements.sending.incrementAndGet();
                try {
                    handedOn = send(message);
                } finally {
                    acknowledgements.sending.decrementAndGet();
                }
            }
        } catch (RuntimeException | Error failure) {
            // Recording the outcome failed (the database, say): the lease runs out and the
            // message is claimed again.
            LOG.log(Level.WARNING, "connector " + connectorId + ": the outcome of a message could not be recorded; it will be sent again",
                    failure);
        } finally {
            if (!handedOn) {
                outstanding.release(message.size());
            }
        }
    }

    /** Waits up to the batch window for more changes to fill a batch. */
    private List<Delivery> fill(List<Delivery> first) {
        List<Delivery> claimed = new ArrayList<>(first);
        long deadline = time.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.batchWindowMillis());
        while (running && claimed.size() < settings.batchSize()) {
            long left = deadline - time.nanoTime();
            if (left <= 0) {
                break;
            }
            LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)));
            claimed.addAll(claim(settings.batchSize() - claimed.size()));
        }
        return claimed;
    }

    private static List<List<Delivery>> chunk(List<Delivery> claimed, int size) {
        List<List<Delivery>> messages = new ArrayList<>();
        for (int i = 0; i < claimed.size(); i += size) {
            messages.add(claimed.subList(i, Math.min(claimed.size(), i + size)));
        }
        return messages;
    }

    /**
     * Sends one message and records what became of each of its deliveries; true when it was
     * settled (delivered, or nothing to do) and handed on to be recorded as delivered.
     */
    boolean send(List<Delivery> message) {
        DeliveryOutcome outcome;
        try {
            List<ConsentChange> changes = new ArrayList<>(message.size());
            for (Delivery delivery : message) {
                changes.add(ChangeMapper.toApi(delivery, identifiers, identifierTypes));
            }
            limiter.acquire();
            outcome = answers.afterSend(sender.send(new ChangeBatch(changes)));
        } catch (Exception | Error failure) {
            outcome = answers.afterFailure(failure, time.instant());
        }
        if (outcome instanceof DeliveryOutcome.Done done) {
            if (done != DeliveryOutcome.DELIVERED) {
                LOG.info(() -> "connector " + connectorId + ": " + message.size() + " deliveries settled, " + scrubber.scrub(done.reason()));
            }
            acknowledgements.add(message);
            return true;
        }
        Instant now = time.instant();
        String reason = scrubber.scrub(outcome.reason());
        Duration asked = outcome instanceof DeliveryOutcome.Retry retry ? retry.after().map(settings.policy()::honour).orElse(null) : null;
        if (asked != null) {
            pauseFor(asked);
        }
        for (Delivery delivery : message) {
            int failures = delivery.attempts() + 1;
            if (outcome instanceof DeliveryOutcome.Dead || settings.policy().exhausted(failures)) {
                queue.dead(delivery.id(), owner, now, reason);
            } else {
                Duration wait = asked != null ? asked : settings.policy().delayAfter(failures, ThreadLocalRandom.current());
                queue.retryLater(delivery.id(), owner, now.plus(wait), reason);
            }
        }
        return false;
    }

    /**
     * Messages sent and waiting to be recorded as delivered, recorded by a thread of their own:
     * the first with all that arrive within {@value #ACK_WINDOW_MILLIS} ms of it (at most
     * {@value #ACK_GROUP} deliveries), in one transaction. Until then their deliveries stay in
     * flight, so no later change of their subjects is claimed before. When recording fails (the
     * database, say) they stay in flight: their lease runs out and they are sent again.
     */
    private final class Acknowledgements implements Runnable {

        private final LinkedBlockingQueue<List<Delivery>> sent = new LinkedBlockingQueue<>();
        private final Thread thread = Thread.ofPlatform().daemon(true).name("opencpm-ack-" + connectorId).unstarted(this);
        private volatile boolean open = true;
        /** Messages being sent right now. */
        private final AtomicInteger sending = new AtomicInteger();

        void add(List<Delivery> message) {
            sent.add(message);
        }

        @Override
        public void run() {
            while (open || !sent.isEmpty()) {
                try {
                    List<Delivery> first = sent.poll(100, TimeUnit.MILLISECONDS);
                    if (first != null) {
                        record(group(first));
                    }
                } catch (InterruptedException e) {
                    open = false;
                }
            }
        }

        private List<List<Delivery>> group(List<Delivery> first) throws InterruptedException {
            List<List<Delivery>> group = new ArrayList<>();
            group.add(first);
            int count = first.size();
            long deadline = time.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ACK_WINDOW_MILLIS);
            while (count < ACK_GROUP) {
                // Read before looking: a send that has ended by then has handed its message on already.
                boolean underWay = sending.get() > 0;
                List<Delivery> next = sent.poll();
                if (next == null) {
                    long left = deadline - time.nanoTime();
                    if (left <= 0 || !open || !underWay) {
                        break; // the window is over, or nothing more is coming (no send under way)
                    }
                    next = sent.poll(Math.min(left, ACK_RECHECK_NANOS), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        continue;
                    }
                }
                group.add(next);
                count += next.size();
            }
            return group;
        }

        private void record(List<List<Delivery>> group) {
            List<Long> ids = new ArrayList<>();
            group.forEach(message -> message.forEach(delivery -> ids.add(delivery.id())));
            try {
                queue.delivered(ids, owner, time.instant());
            } catch (RuntimeException | Error failure) {
                LOG.log(Level.WARNING, "connector " + connectorId + ": " + ids.size() + " deliveries could not be recorded as delivered;"
                        + " they will be sent again when their lease runs out", failure);
            } finally {
                group.forEach(message -> outstanding.release(message.size()));
            }
        }

        void close() {
            open = false;
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void pauseFor(Duration wait) {
        long until = time.nanoTime() + wait.toNanos();
        if (until - pausedUntilNanos > 0) {
            pausedUntilNanos = until;
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(loop);
        try {
            loop.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Sends under way finish and record their outcome; a send still hanging after that keeps its
        // lease, and its delivery is claimed again when the lease runs out (or this node restarts).
        sends.shutdown();
        try {
            if (!sends.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warning(() -> "connector " + connectorId + ": sends still under way after 30 s; they will be retried");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        acknowledgements.close();
    }
}
