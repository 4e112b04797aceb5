package org.opencpm.connectors.runtime;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * When reconciliations run: a task every interval, the first one interval from now. An interface
 * so that a test holds the time in its hands instead of waiting hours.
 */
interface ReconcileSchedule extends AutoCloseable {

    /** Runs {@code task} every {@code interval}, the first time one interval from now, until the answer is closed. */
    Scheduled every(Duration interval, Runnable task);

    /** Stops every task. */
    @Override
    void close();

    /** One task on the schedule. */
    interface Scheduled extends AutoCloseable {
        /** No further run; one under way is interrupted. */
        @Override
        void close();
    }

    /**
     * On two daemon threads: each task with a fixed delay between the end of one run and the start
     * of the next, so a run that takes longer than the interval is never overlapped by the next.
     */
    static ReconcileSchedule onThreads() {
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2,
                Thread.ofPlatform().daemon(true).name("opencpm-reconcile-", 1).factory());
        return new ReconcileSchedule() {
            @Override
            public Scheduled every(Duration interval, Runnable task) {
                ScheduledFuture<?> future = timer.scheduleWithFixedDelay(task, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
                return () -> future.cancel(true);
            }

            @Override
            public void close() {
                timer.shutdownNow();
            }
        };
    }
}
