package org.opencpm.adapters.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.persistence.sessions.UnitOfWork;
import org.opencpm.application.port.out.ConcurrencyConflictException;

/**
 * Group commit: the use cases' transactions run one after the other on one writer thread, as
 * many as are waiting (up to {@value #MAX_BATCH}) inside one database transaction, which is then
 * committed once; only then is each caller answered. Each unit of work runs under its own
 * savepoint, so one that fails (a broken rule, a conflict) is rolled back alone and its caller
 * gets its exception, while the others commit.
 *
 * <p>Why: every use case that records something appends to the audit chain, which takes the one
 * chain head row, so their commits happen one at a time anyway; and a commit is the expensive
 * part (H2 writes a new chunk of every changed page, PostgreSQL and MariaDB flush their log).
 * Committing many units of work at once pays that price once. A caller still returns only after
 * its work is committed: nothing is acknowledged before it is durable.
 *
 * <p>When the group as a whole cannot commit (a unit's database error left the JPA transaction
 * rollback-only, or the commit itself failed), every unit whose own work had gone well fails with
 * a {@link ConcurrencyConflictException}, and the application runs it again. So do the units of a
 * group whose database rolled back the whole transaction when one unit failed (InnoDB does on a
 * deadlock, and the unit's savepoint is then gone): the failed unit gets its own failure (a
 * deadlock is a conflict, retried too), the units before and after it run again.
 */
final class GroupCommit implements AutoCloseable {

    /** The most units of work committed together. */
    static final int MAX_BATCH = 64;
    /** How long a caller waits for its work to be committed before it gives up. */
    static final long MAX_WAIT_SECONDS = 120;

    private static final Logger LOG = Logger.getLogger(GroupCommit.class.getName());

    /** One unit of work and what became of it. */
    private static final class Unit {
        final Supplier<?> work;
        final CompletableFuture<Object> outcome = new CompletableFuture<>();
        Object result;
        List<Runnable> afterCommit = List.of();

        Unit(Supplier<?> work) {
            this.work = work;
        }
    }

    /** Runs a unit's work inside the group's transaction; answers the unit's after-commit actions. */
    interface Runner extends BiFunction<EntityManager, Supplier<?>, RunResult> {
    }

    record RunResult(Object result, List<Runnable> afterCommit) {
    }

    private final LinkedBlockingQueue<Unit> queue = new LinkedBlockingQueue<>();
    private final Supplier<EntityManager> open;
    private final Consumer<EntityManager> close;
    private final Runner runner;
    private final Thread writer;
    private volatile boolean closing;

    GroupCommit(Supplier<EntityManager> open, Consumer<EntityManager> close, Runner runner) {
        this.open = open;
        this.close = close;
        this.runner = runner;
        this.writer = Thread.ofPlatform().name("opencpm-group-commit").daemon(true).unstarted(this::writeUntilClosed);
        this.writer.start();
    }

    /** How many units of work are queued and not yet taken into a group. */
    int waiting() {
        return queue.size();
    }

    /** Whether the calling thread is the writer (which must not wait for itself). */
    boolean isWriter() {
        return Thread.currentThread() == writer;
    }

    /** Runs {@code work} in the next group and returns its result once the group is committed. */
    @SuppressWarnings("unchecked")
    <T> T run(Supplier<T> work) {
        if (closing) {
            throw new PersistenceException("the database is closing");
        }
        Unit unit = new Unit(work);
        queue.add(unit);
        try {
            return (T) awaitUninterruptibly(unit.outcome);
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new PersistenceException(cause);
        } catch (TimeoutException slow) {
            throw new PersistenceException("the database did not commit within " + MAX_WAIT_SECONDS + " s");
        }
    }

    /**
     * Waits for the outcome even when interrupted (and keeps the interrupt for the caller): once
     * queued, the work will be committed or not, and the caller must learn which.
     */
    private static Object awaitUninterruptibly(CompletableFuture<Object> outcome) throws ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_WAIT_SECONDS);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return outcome.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void writeUntilClosed() {
        List<Unit> group = new ArrayList<>(MAX_BATCH);
        while (!(closing && queue.isEmpty())) {
            try {
                Unit first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, MAX_BATCH - 1);
                Thread.interrupted(); // a stray interrupt that landed meanwhile must not fail this group
                commit(group);
            } catch (InterruptedException e) {
                // Nobody is to interrupt the writer (close() does not: the loop looks at `closing`
                // every 200 ms); an interrupt from elsewhere changes nothing.
            } catch (Throwable unexpected) {
                LOG.log(Level.SEVERE, "group commit failed unexpectedly", unexpected);
                group.forEach(unit -> unit.outcome.completeExceptionally(unexpected));
            } finally {
                group.clear();
            }
        }
    }

    private void commit(List<Unit> group) {
        EntityManager em = open.get();
        List<Unit> done = new ArrayList<>(group.size());
        try {
            EntityTransaction transaction = em.getTransaction();
            transaction.begin();
            // Begin the database transaction now (EclipseLink would at the first write), so that the
            // connection below is the one every statement of the group uses, out of auto-commit.
            em.unwrap(UnitOfWork.class).beginEarlyTransaction();
            Connection connection = em.unwrap(Connection.class);
            for (int i = 0; i < group.size(); i++) {
                Unit unit = group.get(i);
                Savepoint savepoint = savepoint(connection);
                try {
                    RunResult ran = runner.apply(em, unit.work);
                    unit.result = ran.result();
                    unit.afterCommit = ran.afterCommit();
                    done.add(unit);
                } catch (RuntimeException | Error failure) {
                    em.clear();
                    RuntimeException translated = failure instanceof RuntimeException runtime ? Conflicts.translate(runtime) : null;
                    if (!rolledBackTo(connection, savepoint, failure)) {
                        // The database rolled back the whole transaction, savepoints and all (InnoDB
                        // does on a deadlock): this unit fails as it failed, the others run again.
                        unit.outcome.completeExceptionally(translated != null ? translated : failure);
                        try {
                            if (transaction.isActive()) {
                                transaction.rollback();
                            }
                        } catch (RuntimeException rollbackFailure) {
                            failure.addSuppressed(rollbackFailure);
                        }
                        List<Unit> again = new ArrayList<>(done);
                        again.addAll(group.subList(i + 1, group.size()));
                        failAll(again, failure);
                        return;
                    }
                    unit.outcome.completeExceptionally(translated != null ? translated : failure);
                }
            }
            if (transaction.getRollbackOnly()) {
                transaction.rollback();
                failAll(done, new PersistenceException("the group's transaction was marked for rollback"));
                return;
            }
            try {
                transaction.commit();
            } catch (RuntimeException failure) {
                if (transaction.isActive()) {
                    transaction.rollback();
                }
                failAll(done, failure);
                return;
            }
        } catch (RuntimeException | Error failure) {
            failAll(done, failure);
            group.stream().filter(unit -> !unit.outcome.isDone()).forEach(unit -> unit.outcome.completeExceptionally(failure));
            return;
        } finally {
            close.accept(em);
        }
        for (Unit unit : done) {
            try {
                unit.afterCommit.forEach(Runnable::run);
                unit.outcome.complete(unit.result);
            } catch (RuntimeException | Error failure) {
                unit.outcome.completeExceptionally(failure);
            }
        }
    }

    /**
     * The group did not commit: units whose own work went well did nothing wrong, so they are told
     * to run again (the application retries a {@link ConcurrencyConflictException}).
     */
    private static void failAll(List<Unit> units, Throwable failure) {
        ConcurrencyConflictException again = new ConcurrencyConflictException(
                "the group of transactions this one was committed with failed; run it again", failure);
        units.forEach(unit -> unit.outcome.completeExceptionally(again));
    }

    private static Savepoint savepoint(Connection connection) {
        try {
            return connection.setSavepoint();
        } catch (SQLException e) {
            throw new PersistenceException("cannot set a savepoint", e);
        }
    }

    /** Rolls back to {@code savepoint}; false when the savepoint is gone (the whole transaction was rolled back). */
    private static boolean rolledBackTo(Connection connection, Savepoint savepoint, Throwable cause) {
        try {
            connection.rollback(savepoint);
            return true;
        } catch (SQLException e) {
            cause.addSuppressed(e);
            return false;
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(MAX_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Unit left;
        while ((left = queue.poll()) != null) {
            left.outcome.completeExceptionally(new PersistenceException("the database is closed"));
        }
    }
}
