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
        ConcurrencyConflictException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return transactions.inTransaction(work);
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
