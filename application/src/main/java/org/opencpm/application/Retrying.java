package org.opencpm.application;

import java.util.function.Supplier;
import org.opencpm.application.port.out.ConcurrencyConflictException;
import org.opencpm.application.port.out.Transactions;

/**
 * Runs a use case's writes in a transaction and, when a concurrent writer got to the same
 * subject first, runs them again on the fresh state. The work must read everything it decides
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
                Thread.onSpinWait();
            }
        }
        throw last;
    }

    /** Runs {@code action} after the current transaction commits. */
    public void afterCommit(Runnable action) {
        transactions.afterCommit(action);
    }
}
