package org.opencpm.testfixtures;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.opencpm.application.port.out.Transactions;

/**
 * Transactions for the in-memory stores: one writer at a time, and a real rollback — every
 * store registers how to undo each write, and an exception undoes them all, newest first.
 * Work started inside a transaction joins it.
 */
public final class InMemoryTransactions implements Transactions {

    private final ReentrantLock lock = new ReentrantLock();
    private final ThreadLocal<Transaction> current = new ThreadLocal<>();
    private long committed;
    private long rolledBack;

    private static final class Transaction {
        final List<Runnable> undo = new ArrayList<>();
        final List<Runnable> afterCommit = new ArrayList<>();
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        Transaction tx = new Transaction();
        T result;
        lock.lock();
        current.set(tx);
        try {
            result = work.get();
            committed++;
        } catch (RuntimeException | Error failure) {
            for (int i = tx.undo.size() - 1; i >= 0; i--) {
                tx.undo.get(i).run();
            }
            rolledBack++;
            throw failure;
        } finally {
            current.remove();
            lock.unlock();
        }
        tx.afterCommit.forEach(Runnable::run);
        return result;
    }

    @Override
    public void afterCommit(Runnable action) {
        Transaction tx = current.get();
        if (tx == null) {
            action.run();
        } else {
            tx.afterCommit.add(action);
        }
    }

    /** Called by the in-memory stores for each write: how to take it back. Outside a transaction it is kept. */
    void onRollback(Runnable undo) {
        Transaction tx = current.get();
        if (tx != null) {
            tx.undo.add(undo);
        }
    }

    public long committed() {
        return committed;
    }

    public long rolledBack() {
        return rolledBack;
    }
}
