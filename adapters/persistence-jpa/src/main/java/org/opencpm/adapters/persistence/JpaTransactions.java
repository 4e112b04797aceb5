package org.opencpm.adapters.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.eclipse.persistence.internal.sessions.UnitOfWorkImpl;
import org.eclipse.persistence.sessions.UnitOfWork;
import org.opencpm.application.port.out.ConcurrencyConflictException;
import org.opencpm.application.port.out.Transactions;

/**
 * Resource-local JPA transactions bound to the calling thread, and the one way the JPA stores
 * reach an {@link EntityManager}.
 *
 * <p>{@link #inTransaction} hands the work to the {@link GroupCommit} writer, which runs it with
 * whatever other work is waiting inside one database transaction, each unit under a savepoint,
 * commits the group once, runs each unit's {@link #afterCommit} actions in order, and only then
 * returns. If the work throws, its unit is rolled back to its savepoint and the failure rethrown,
 * as a {@link ConcurrencyConflictException} when a concurrent writer caused it (also when that
 * only shows at flush or commit, in which case the whole group is run again). Work started inside
 * a transaction joins it.
 *
 * <p>Stores {@link #write} through the current transaction's entity manager (in a transaction of
 * their own when there is none, as an auto-committed statement would be) and {@link #read}
 * through it or, outside a transaction, through a short-lived one. Inside a unit of a group,
 * writes are flushed when a read needs them and at the unit's end, where the persistence context
 * is cleared; in a transaction of its own, each store call flushes and clears at once. Either way
 * no managed entity outlives the unit: stores hand out domain objects only.
 *
 * <p>Every entity manager holds one pooled connection from its first statement until it is
 * closed. At most as many entity managers are open at once as the pool has connections (a
 * fair semaphore admits them), so an admitted thread always finds a connection free and threads
 * short of one queue here, in arrival order, rather than inside EclipseLink and HikariCP. Work
 * waiting to be admitted waits up to {@value #ADMISSION_TIMEOUT_SECONDS} s; a thread whose
 * interrupt flag is set is not admitted (its caller gave up on it).
 *
 * <p>The semaphore came in against eclipse-ee4j/eclipselink#2219: EclipseLink 4.0.4 took a pool
 * connection under a lock the returning threads also need, so an exhausted pool stalled every
 * thread until its timeout. The pinned EclipseLink (4.0.9, root pom) has the fix, and the
 * semaphore is no longer what prevents that stall: measured on 2026-12-03 (H2, a pool of 2,
 * 32 threads, 19,200 own transactions and 9,600 reads per round), without it nothing stalled
 * (2.4–5.3 s a round) and the H2 contract and interrupt tests passed; with it, 1.7–4.2 s. It is
 * kept for the queueing and the two refusals above, not for that bug.
 */
public final class JpaTransactions implements Transactions {

    /** How long work waits for a free connection before it fails, as long as HikariCP's default. */
    static final long ADMISSION_TIMEOUT_SECONDS = 30;

    private final EntityManagerFactory factory;
    private final Semaphore admission;
    private final GroupCommit group;
    private final ThreadLocal<Transaction> current = new ThreadLocal<>();
    /**
     * What the units of the writer's current group learnt {@linkplain #rememberUnderLock under a
     * lock} and kept (their work went well): the group's later units recall it. Only the writer
     * thread touches it; a new group (a new entity manager) starts it afresh.
     */
    private final Map<Object, Object> groupUnderLock = new HashMap<>();
    private EntityManager groupOfUnderLock;

    private static final class Transaction {
        final EntityManager em;
        /** A unit of a group: its writes are flushed once, at its end, under its own savepoint. */
        final boolean flushAtEnd;
        final List<Runnable> afterCommit = new ArrayList<>();
        final Map<Object, Object> remembered = new HashMap<>();
        /** This transaction's (or unit's) values read or written under a lock it holds. */
        final Map<Object, Object> underLock = new HashMap<>();
        /** The earlier units' such values, for a unit of a group; empty otherwise. */
        final Map<Object, Object> earlierUnitsUnderLock;

        Transaction(EntityManager em, boolean flushAtEnd, Map<Object, Object> earlierUnitsUnderLock) {
            this.em = em;
            this.flushAtEnd = flushAtEnd;
            this.earlierUnitsUnderLock = earlierUnitsUnderLock;
        }
    }

    /**
     * @param connections how many connections the pool behind {@code factory} holds at most:
     *                    no more entity managers are open at once
     */
    public JpaTransactions(EntityManagerFactory factory, int connections) {
        this.factory = factory;
        this.admission = new Semaphore(connections, true);
        this.group = new GroupCommit(this::open, this::close, this::runInGroup);
    }

    /**
     * Runs {@code work} in a transaction and commits it before returning. The work is committed
     * together with whatever other transactions are waiting at the same moment ({@link
     * GroupCommit}), each rolled back alone if it fails. Work started inside a transaction joins it.
     */
    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        if (group.isWriter()) {
            return alone(work);
        }
        return group.run(work);
    }

    /** One unit of a group: {@code work} with the group's entity manager as its transaction. */
    private GroupCommit.RunResult runInGroup(EntityManager em, Supplier<?> work) {
        if (em != groupOfUnderLock) {
            groupUnderLock.clear();
            groupOfUnderLock = em;
        }
        Transaction tx = new Transaction(em, true, groupUnderLock);
        current.set(tx);
        try {
            Object result = work.get();
            em.flush();
            em.clear();
            // The unit went well: what it holds under lock stays true for the group's later units.
            // (A unit that failed was rolled back to its savepoint, and its values with it.)
            groupUnderLock.putAll(tx.underLock);
            return new GroupCommit.RunResult(result, List.copyOf(tx.afterCommit));
        } finally {
            current.remove();
        }
    }

    /** A transaction of its own, for work that the group's writer itself starts (after-commit actions). */
    private <T> T alone(Supplier<T> work) {
        EntityManager em = open();
        Transaction tx = new Transaction(em, false, Map.of());
        T result;
        current.set(tx);
        try {
            result = commit(em, em.getTransaction(), work);
        } finally {
            current.remove();
            close(em);
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

    /**
     * Inside a transaction, what {@code read} answered the first time {@code key} was asked for
     * (a repeatable read of that one thing, for the rest of the transaction, as if no other
     * transaction had committed meanwhile); outside a transaction, {@code read} answered now.
     */
    @SuppressWarnings("unchecked")
    public <T> T repeatable(Object key, Supplier<T> read) {
        Transaction tx = current.get();
        if (tx == null) {
            return read.get();
        }
        Object known = tx.remembered.get(key);
        if (known != null) {
            return (T) known;
        }
        T answer = read.get();
        tx.remembered.put(key, answer);
        return answer;
    }

    /** Inside a transaction, what was {@linkplain #remember remembered} (or read {@linkplain #repeatable repeatably}) for {@code key}. */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> recall(Object key) {
        Transaction tx = current.get();
        return tx == null ? Optional.empty() : Optional.ofNullable((T) tx.remembered.get(key));
    }

    /** Inside a transaction, makes {@code value} the answer to {@code key} from now on (this transaction wrote it). */
    public void remember(Object key, Object value) {
        Transaction tx = current.get();
        if (tx != null) {
            tx.remembered.put(key, value);
        }
    }

    /**
     * Inside a transaction, remembers {@code value} as the content of something this database
     * transaction has locked (a row read {@code FOR UPDATE}) and alone changes until it ends: the
     * rest of the transaction — in a group, the later units too, once this unit has gone well —
     * {@linkplain #recallUnderLock recalls} it instead of reading (and locking) it again. A unit
     * that fails is rolled back to its savepoint, and what it remembered is forgotten with it.
     * Outside a transaction, nothing is remembered.
     */
    public void rememberUnderLock(Object key, Object value) {
        Transaction tx = current.get();
        if (tx != null) {
            tx.underLock.put(key, value);
        }
    }

    /** What {@link #rememberUnderLock} remembered for {@code key} in this database transaction, if anything. */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> recallUnderLock(Object key) {
        Transaction tx = current.get();
        if (tx == null) {
            return Optional.empty();
        }
        Object known = tx.underLock.get(key);
        return Optional.ofNullable((T) (known != null ? known : tx.earlierUnitsUnderLock.get(key)));
    }

    /** How many units of work wait for the group-commit writer (for tests that line units up in one group). */
    int waitingForWriter() {
        return group.waiting();
    }

    /** Whether the calling thread is inside {@link #inTransaction}. */
    public boolean active() {
        return current.get() != null;
    }

    /**
     * Runs a store's writes in the current transaction (or in one of their own outside a
     * transaction), flushes them and clears the persistence context.
     *
     * @throws ConcurrencyConflictException when a concurrent writer got there first
     */
    public <T> T write(Function<EntityManager, T> work) {
        Transaction tx = current.get();
        if (tx == null) {
            return inTransaction(() -> write(work));
        }
        try {
            T result = work.apply(tx.em);
            flushAndClear(tx);
            return result;
        } catch (RuntimeException failure) {
            throw Conflicts.translate(failure);
        }
    }

    /**
     * After each store call, unless the transaction is a unit of a group: there the unit's end
     * flushes (and clears) once, and queries flush what they need before they run.
     */
    private static void flushAndClear(Transaction tx) {
        if (!tx.flushAtEnd) {
            tx.em.flush();
            tx.em.clear();
        }
    }

    /**
     * Runs a store's reads through the current transaction's entity manager, or through a
     * short-lived one outside a transaction. {@code work} returns domain objects, never entities.
     */
    public <T> T read(Function<EntityManager, T> work) {
        Transaction tx = current.get();
        if (tx != null) {
            try {
                if (tx.flushAtEnd) {
                    // a read sees the unit's own writes, native queries included
                    tx.em.flush();
                }
                T result = work.apply(tx.em);
                flushAndClear(tx);
                return result;
            } catch (RuntimeException failure) {
                throw Conflicts.translate(failure);
            }
        }
        EntityManager em = open();
        try {
            return work.apply(em);
        } catch (RuntimeException failure) {
            throw Conflicts.translate(failure);
        } finally {
            close(em);
        }
    }

    /**
     * Runs {@code work} in a transaction of its own, committed before this returns, whether or
     * not the calling thread is inside {@link #inTransaction} (which it then does not join, and
     * a second connection is needed). For writes that are not part of a use case's transaction:
     * send budgets, the decision log, the delivery queue.
     *
     * @throws ConcurrencyConflictException when a concurrent writer got there first; nothing was written
     */
    public <T> T inOwnTransaction(Function<EntityManager, T> work) {
        EntityManager em = open();
        try {
            return commit(em, em.getTransaction(), () -> work.apply(em));
        } finally {
            close(em);
        }
    }

    /** Plain JDBC work on one connection. */
    @FunctionalInterface
    public interface JdbcWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    /**
     * Runs plain JDBC {@code work} on a connection of {@code pool} (the pool behind the entity
     * managers), taken under the same admission as an entity manager: a thread admitted to open one
     * still always finds a connection free. For reads so frequent that an EclipseLink query costs
     * too much; not inside a transaction, whose thread holds an admission already (a second one
     * could wait for ever), so {@link IllegalStateException} there.
     */
    public <T> T jdbc(DataSource pool, JdbcWork<T> work) {
        if (current.get() != null) {
            throw new IllegalStateException("plain JDBC work runs outside transactions: this thread has a connection already");
        }
        admit();
        try (Connection connection = pool.getConnection()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new PersistenceException(e.getMessage(), e);
        } finally {
            admission.release();
        }
    }

    /**
     * Runs plain JDBC {@code work} on the current transaction's own connection, once EclipseLink
     * has sent what it holds (so the statements follow the transaction's earlier writes and see
     * them); outside a transaction, in one of its own. For a batch's writes, sent as JDBC batches:
     * EclipseLink would send them one statement at a time. {@code work} keeps nothing of the
     * connection.
     *
     * @throws ConcurrencyConflictException when a concurrent writer got there first
     */
    public <T> T jdbcInTransaction(JdbcWork<T> work) {
        Transaction tx = current.get();
        if (tx == null) {
            return inTransaction(() -> jdbcInTransaction(work));
        }
        try {
            tx.em.flush();
            UnitOfWorkImpl unitOfWork = (UnitOfWorkImpl) tx.em.unwrap(UnitOfWork.class);
            // Begun once: each beginEarlyTransaction nests one level deeper, and the commit then
            // ends only the innermost level, leaving the database transaction open (the pool rolls
            // it back). A group's writer has begun it already.
            if (!unitOfWork.wasTransactionBegunPrematurely()) {
                unitOfWork.beginEarlyTransaction();
            }
            return work.apply(tx.em.unwrap(Connection.class));
        } catch (SQLException e) {
            throw Conflicts.translate(new PersistenceException(e.getMessage(), e));
        } catch (RuntimeException failure) {
            throw Conflicts.translate(failure);
        }
    }

    /**
     * Runs {@code statement}'s batch and checks that each statement changed one row (or that the
     * driver could not tell, {@link Statement#SUCCESS_NO_INFO}).
     *
     * @throws ConcurrencyConflictException when one changed none: its row changed meanwhile
     */
    public static void executeEachOnOneRow(PreparedStatement statement, String what) throws SQLException {
        for (int count : statement.executeBatch()) {
            if (count != 1 && count != Statement.SUCCESS_NO_INFO) {
                throw new ConcurrencyConflictException(what + " changed meanwhile");
            }
        }
    }

    /** Commits what is queued, then stops the group's writer. */
    public void close() {
        group.close();
    }

    private void admit() {
        try {
            if (!admission.tryAcquire(ADMISSION_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new PersistenceException("no database connection came free in " + ADMISSION_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PersistenceException("interrupted while waiting for a database connection", e);
        }
    }

    private EntityManager open() {
        admit();
        try {
            return factory.createEntityManager();
        } catch (RuntimeException | Error failure) {
            admission.release();
            throw failure;
        }
    }

    private void close(EntityManager em) {
        try {
            em.close();
        } finally {
            admission.release();
        }
    }

    private static <T> T commit(EntityManager em, EntityTransaction transaction, Supplier<T> work) {
        try {
            transaction.begin();
            T result = work.get();
            em.flush();
            transaction.commit();
            return result;
        } catch (RuntimeException failure) {
            rollBack(transaction, failure);
            throw Conflicts.translate(failure);
        } catch (Error failure) {
            rollBack(transaction, failure);
            throw failure;
        }
    }

    private static void rollBack(EntityTransaction transaction, Throwable cause) {
        try {
            if (transaction.isActive()) {
                transaction.rollback();
            }
        } catch (RuntimeException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }
}
