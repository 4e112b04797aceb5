package org.opencpm.distribution;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.opencpm.application.port.in.FollowCommitsUseCase;

/**
 * Runs {@link FollowCommitsUseCase#follow} on a daemon thread of its own, {@link
 * FollowSettings#interval()} after each round ended (the periodic jobs' thread runs for minutes:
 * a long retention check must not hold the index back), and keeps how far behind the index may be:
 * the time since the start of the last round that caught up — everything committed before then is
 * applied. While the database is unreachable the rounds fail, the lag grows, and past {@link
 * FollowSettings#maxLag()} the node reports itself not ready ({@link ReadinessCheck}). A failure
 * is logged by its kind once, and the recovery once; the round after goes on where the last
 * applied change left it.
 */
final class DecisionIndexFollowing implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DecisionIndexFollowing.class.getName());

    private final FollowCommitsUseCase follower;
    private final FollowSettings settings;
    private final LongSupplier nanoTime;
    private final AtomicLong caughtUpAt;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("opencpm-decision-index-follower").daemon(true).factory());
    private volatile Runnable onApiKeysChanged = () -> { };
    private boolean failing;

    /** @param markedAt when {@link FollowCommitsUseCase#markStart} was called ({@code nanoTime}): the index is current as of then */
    DecisionIndexFollowing(FollowCommitsUseCase follower, FollowSettings settings, LongSupplier nanoTime, long markedAt) {
        this.follower = follower;
        this.settings = settings;
        this.nanoTime = nanoTime;
        this.caughtUpAt = new AtomicLong(markedAt);
    }

    /** Starts following, the first round at once. */
    DecisionIndexFollowing start() {
        thread.scheduleWithFixedDelay(this::round, 0, settings.interval().toNanos(), TimeUnit.NANOSECONDS);
        return this;
    }

    /** What to do when another node created or revoked an API key (a per-node cache of key checks drops its entries). */
    void onApiKeysChanged(Runnable action) {
        this.onApiKeysChanged = action;
    }

    /** One round: everything committed before its start is applied when it returns normally. */
    void round() {
        long started = nanoTime.getAsLong();
        try {
            if (follower.follow().apiKeysChanged()) {
                onApiKeysChanged.run();
            }
            caughtUpAt.set(started);
            if (failing) {
                failing = false;
                LOG.info("the decision index follows the database again");
            }
        } catch (RuntimeException failed) {
            if (!failing) {
                failing = true;
                LOG.log(Level.WARNING, "the decision index cannot read the change log (" + failed.getClass().getSimpleName()
                        + "); it tries again every " + settings.interval() + " and reports not ready after " + settings.maxLag());
            }
        }
    }

    /** How far behind the index may be: the time since the last round that caught up began. */
    Duration lag() {
        return Duration.ofNanos(Math.max(0, nanoTime.getAsLong() - caughtUpAt.get()));
    }

    /** Whether the index is within {@link FollowSettings#maxLag()} of the database. */
    boolean current() {
        return lag().compareTo(settings.maxLag()) <= 0;
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            // a round under way ends before the database it reads is closed
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
