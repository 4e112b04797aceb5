package org.opencpm.application.port.out;

import java.util.function.Supplier;

/**
 * Runs work in one database transaction: everything it writes through the stores, the audit
 * trail and the outbox is committed together, or, if it throws, none of it is.
 */
public interface Transactions {

    /**
     * Runs {@code work} in a transaction and commits it before returning.
     *
     * @throws ConcurrencyConflictException when a concurrent writer won; nothing was written
     */
    <T> T inTransaction(Supplier<T> work);

    /** Runs {@code action} after the current transaction commits (not at all if it rolls back). */
    void afterCommit(Runnable action);
}
