package org.opencpm.distribution;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the periodic jobs (consent expiry, retention, finishing erasures) on one daemon thread of
 * their own, each at a fixed delay after its previous run ended, so that a slow run is never
 * overlapped by the next one on this node. Several nodes may run the same job at once: the jobs are
 * safe for that. A run that fails is logged (by its kind, not its data) — at most once a minute per
 * job, so that a database that is down does not flood the log — and the job runs again at its next
 * time. {@link #close} stops them all.
 */
final class PeriodicJobs implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PeriodicJobs.class.getName());
    private static final Duration QUIET = Duration.ofMinutes(1);

    /** How long after the start the jobs first run (at most). */
    static final Duration FIRST_RUN = Duration.ofMinutes(1);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("opencpm-periodic-jobs").daemon(true).factory());

    /**
     * Runs {@code job} every {@code interval}, the first time after {@code FIRST_RUN} or the interval,
     * whichever is shorter: a restart does not put the next run a whole interval off.
     */
    void every(Duration interval, String name, Runnable job) {
        long millis = interval.toMillis();
        long first = Math.min(millis, FIRST_RUN.toMillis());
        AtomicReference<Instant> lastWarned = new AtomicReference<>(Instant.EPOCH);
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                job.run();
            } catch (RuntimeException failed) {
                Instant now = Instant.now();
                Instant last = lastWarned.get();
                if (now.isAfter(last.plus(QUIET)) && lastWarned.compareAndSet(last, now)) {
                    LOG.log(Level.WARNING, name + " failed (" + failed.getClass().getSimpleName() + "); it runs again every "
                            + interval + ", and says so at most once a minute");
                }
            }
        }, first, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
