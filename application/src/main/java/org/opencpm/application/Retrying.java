package org.opencpm.application;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.opencpm.application.port.out.ConcurrencyConflictException;
import org.opencpm.application.port.out.Transactions;

/**
 * Runs a use case's writes in a transaction and, when a concurrent writer got to the same
 * subject first, runs them again on the fresh state, after a short random back-off. The work must read everything it decides
 * on inside the transaction, so a second run decides again.
 */
public final class Retrying {

    /** Attempts before a conflict is given up on and reported. */
    public static final int ATTEMPTS = 8;

    private final Transactions transactions;

    public Retrying(Transactions transactions) {
        this.transactions = transactions;
    }

    public <T> T inTransaction(Supplier<T> work) {
        return again(() -> transactions.inTransaction(work));
    }

    /**
     * Runs {@code transaction} — a whole transaction, committed or rolled back by the time it
     * returns or throws — and, as long as it fails with a {@link ConcurrencyConflictException},
     * again after a back-off, up to {@value #ATTEMPTS} times in all; then the last conflict is
     * thrown. For adapters whose calls each run in a transaction of their own (the delivery queue).
     */
    public static <T> T again(Supplier<T> transaction) {
        ConcurrencyConflictException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return transaction.get();
            } catch (ConcurrencyConflictException conflict) {
                last = conflict;
                backOff(attempt);
            }
        }
        throw last;
    }

    /** Waits a random moment, longer after each attempt, so that racing writers fall out of step. */
    private static void backOff(int attempt) {
        long maxMicros = 200L << Math.min(attempt, 6);
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(maxMicros) * 1_000);
    }

    /** Runs {@code action} after the current transaction commits. */
    public void afterCommit(Runnable action) {
        transactions.afterCommit(action);
    }
}
