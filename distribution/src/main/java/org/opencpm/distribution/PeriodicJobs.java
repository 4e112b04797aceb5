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
 * The node's own periodic work (finishing erasures, …) on one daemon thread: each job runs with a
 * fixed delay after the previous run ended, never two runs of it at once, and a failing run is
 * logged — at most once a minute per job, so that a database that is down does not flood the log —
 * and tried again at the next period. {@link #close} stops them all.
 */
final class PeriodicJobs implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PeriodicJobs.class.getName());
    private static final Duration QUIET = Duration.ofMinutes(1);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "opencpm-periodic");
        thread.setDaemon(true);
        return thread;
    });

    /** Runs {@code job} every {@code period}, the first time one period from now. */
    void every(String name, Duration period, Runnable job) {
        AtomicReference<Instant> lastWarned = new AtomicReference<>(Instant.EPOCH);
        timer.scheduleWithFixedDelay(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                Instant now = Instant.now();
                Instant last = lastWarned.get();
                if (now.isAfter(last.plus(QUIET)) && lastWarned.compareAndSet(last, now)) {
                    LOG.log(Level.WARNING, name + " failed; it is tried again every " + period.toSeconds() + " s: " + e);
                }
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
