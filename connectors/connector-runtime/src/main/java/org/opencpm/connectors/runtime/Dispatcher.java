package org.opencpm.connectors.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.opencpm.application.port.out.Delivery;
import org.opencpm.application.port.out.DeliveryQueue;
import org.opencpm.connectors.api.ChangeBatch;
import org.opencpm.connectors.api.ConsentChange;

/**
 * Carries one connector's deliveries: claims what is due (the oldest undelivered change of each
 * subject, so a subject's changes go out in order), groups them into batches when the connector
 * batches, sends them through the connector's route — throttled, several at once — and records
 * the outcome: delivered, retried later with back-off, or dead. Everything it decides is kept in
 * the {@link DeliveryQueue}, so a restart carries on where it stopped.
 */
final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());

    /** How a dispatcher works. */
    record Settings(int claimLimit, Duration lease, Duration idlePoll, int parallelism, int batchSize, long batchWindowMillis,
                    double ratePerSecond, RedeliveryPolicy policy) {

        static Settings defaults(int batchSize, long batchWindowMillis, double ratePerSecond) {
            return new Settings(Math.max(64, batchSize * 8), Duration.ofMinutes(2), Duration.ofMillis(100), 8, batchSize,
                    batchWindowMillis, ratePerSecond, RedeliveryPolicy.DEFAULT);
        }

        Settings withPolicy(RedeliveryPolicy other) {
            return new Settings(claimLimit, lease, idlePoll, parallelism, batchSize, batchWindowMillis, ratePerSecond, other);
        }
    }

    /** Sends one message through the connector's route; throws what the route threw. */
    @FunctionalInterface
    interface Sender {
        void send(ChangeBatch batch) throws Exception;
    }

    private final String connectorId;
    private final Set<String> identifierTypes;
    private final DeliveryQueue queue;
    private final Sender sender;
    private final IdentifierResolver identifiers;
    private final Settings settings;
    private final Clock clock;
    private final String owner;
    private final Scrubber scrubber;
    private final RateLimiter limiter;
    private final ExecutorService sends = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore slots;
    private final Thread loop;
    private volatile boolean running = true;
    /** A platform that said "slow down" (429 or 503 with Retry-After) is left alone until then, for every subject. */
    private volatile long pausedUntilNanos = System.nanoTime();

    Dispatcher(String connectorId, Set<String> identifierTypes, DeliveryQueue queue, Sender sender, IdentifierResolver identifiers,
               Settings settings, Clock clock, String owner, Scrubber scrubber) {
        this.connectorId = connectorId;
        this.identifierTypes = Set.copyOf(identifierTypes);
        this.queue = queue;
        this.sender = sender;
        this.identifiers = identifiers;
        this.settings = settings;
        this.clock = clock;
        this.owner = owner;
        this.scrubber = scrubber;
        this.limiter = new RateLimiter(settings.ratePerSecond());
        this.slots = new Semaphore(Math.max(1, settings.parallelism()));
        this.loop = Thread.ofPlatform().daemon(true).name("opencpm-dispatch-" + connectorId).unstarted(this::run);
    }

    void start() {
        loop.start();
    }

    /** Looks for work at once (after a replay, say) instead of at the next poll. */
    void wakeUp() {
        LockSupport.unpark(loop);
    }

    private void run() {
        while (running) {
            try {
                long pause = pausedUntilNanos - System.nanoTime();
                if (pause > 0) {
                    LockSupport.parkNanos(pause);
                    continue;
                }
                // A claim takes up to claimLimit at once (claims of one connector take turns across
                // nodes, so small ones would cap the rate); each message then waits for a free send
                // slot, and the next claim comes as soon as the last message has one — never after
                // the whole round, so one slow send does not hold the others up.
                slots.acquireUninterruptibly();
                slots.release();
                if (!running) {
                    break;
                }
                List<Delivery> claimed = claim(settings.claimLimit());
                if (claimed.isEmpty()) {
                    LockSupport.parkNanos(settings.idlePoll().toNanos());
                    continue;
                }
                if (settings.batchSize() > 1 && claimed.size() < settings.batchSize() && settings.batchWindowMillis() > 0) {
                    claimed = fill(claimed);
                }
                for (List<Delivery> message : chunk(claimed, settings.batchSize())) {
                    slots.acquireUninterruptibly();
                    sends.execute(() -> {
                        try {
                            send(message);
                        } finally {
                            slots.release();
                        }
                    });
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
        return queue.claim(connectorId, limit, clock.instant(), settings.lease(), owner);
    }

    /** Waits up to the batch window for more changes to fill a batch. */
    private List<Delivery> fill(List<Delivery> first) {
        List<Delivery> claimed = new ArrayList<>(first);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.batchWindowMillis());
        while (running && claimed.size() < settings.batchSize()) {
            long left = deadline - System.nanoTime();
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

    /** Sends one message and records what became of each of its deliveries. */
    void send(List<Delivery> message) {
        try {
            List<ConsentChange> changes = new ArrayList<>(message.size());
            for (Delivery delivery : message) {
                changes.add(ChangeMapper.toApi(delivery, identifiers, identifierTypes));
            }
            limiter.acquire();
            sender.send(new ChangeBatch(changes));
            queue.delivered(message.stream().map(Delivery::id).toList(), owner, clock.instant());
        } catch (Exception | Error failure) {
            Instant now = clock.instant();
            DeliveryOutcome outcome = FailureClassifier.classify(failure, now);
            String reason = scrubber.scrub(outcome.reason());
            for (Delivery delivery : message) {
                int failures = delivery.attempts() + 1;
                if (outcome instanceof DeliveryOutcome.Dead || settings.policy().exhausted(failures)) {
                    queue.dead(delivery.id(), owner, now, reason);
                } else {
                    Duration asked = ((DeliveryOutcome.Retry) outcome).after().map(settings.policy()::honour).orElse(null);
                    if (asked != null) {
                        pauseFor(asked);
                    }
                    Duration wait = asked != null ? asked : settings.policy().delayAfter(failures, ThreadLocalRandom.current());
                    queue.retryLater(delivery.id(), owner, now.plus(wait), reason);
                }
            }
        }
    }

    private void pauseFor(Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
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
    }
}
