package org.opencpm.adapters.persistence;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.opencpm.application.port.out.ConcurrencyConflictException;

/**
 * Tells a failure caused by a concurrent writer (a duplicate key, a serialization failure, a
 * deadlock, a lock wait that timed out) from any other failure, on H2, PostgreSQL and MariaDB,
 * and turns the former into the {@link ConcurrencyConflictException} the application retries on.
 */
final class Conflicts {

    /** MariaDB/MySQL error codes of integrity violations that no retry can cure (NOT NULL, CHECK). */
    private static final Set<Integer> MARIADB_INTEGRITY_BUGS = Set.of(1048, 4025, 3819);
    /** MariaDB/MySQL: lock wait timeout, deadlock, record changed since last read. */
    private static final Set<Integer> MARIADB_CONFLICTS = Set.of(1205, 1213, 1020);

    private Conflicts() {
    }

    /** {@code failure} as a {@link ConcurrencyConflictException} when a concurrent writer caused it, else as it is. */
    static RuntimeException translate(RuntimeException failure) {
        if (failure instanceof ConcurrencyConflictException conflict) {
            return conflict;
        }
        if (isConflict(failure)) {
            return new ConcurrencyConflictException("a concurrent transaction changed the same data first", failure);
        }
        return failure;
    }

    /**
     * The database's own word decides: when an {@link SQLException} is in the cause chain, its
     * SQLState and error code (EclipseLink wraps any failure of a locking query, a closed
     * database included, in a {@link PessimisticLockException}). Only without one do the JPA
     * lock exceptions count as conflicts.
     */
    static boolean isConflict(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        boolean lockException = false;
        boolean sqlException = false;
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof ConcurrencyConflictException) {
                return true;
            }
            if (t instanceof OptimisticLockException || t instanceof PessimisticLockException || t instanceof LockTimeoutException) {
                lockException = true;
            }
            if (t instanceof SQLException sql) {
                sqlException = true;
                for (SQLException s = sql; s != null && (s == sql || seen.add(s)); s = s.getNextException()) {
                    if (isConflict(s)) {
                        return true;
                    }
                }
            }
        }
        return lockException && !sqlException;
    }

    private static boolean isConflict(SQLException e) {
        String state = e.getSQLState();
        int code = e.getErrorCode();
        if (MARIADB_CONFLICTS.contains(code) && (state == null || !state.startsWith("23"))) {
            return true;
        }
        if (state == null) {
            return false;
        }
        if (state.startsWith("23")) {
            // class 23, integrity constraint violation: a key taken meanwhile, except the ones
            // that say the row itself is wrong (NOT NULL, CHECK), which are bugs, not races
            return !state.equals("23502") && !state.equals("23514") && !MARIADB_INTEGRITY_BUGS.contains(code);
        }
        return switch (state) {
            case "40001", // serialization failure (PostgreSQL), deadlock (H2, MariaDB)
                 "40P01", // deadlock detected (PostgreSQL)
                 "55P03", // lock not available (PostgreSQL lock_timeout)
                 "HYT00", // lock timeout (H2)
                 "90131" // concurrent update (H2)
                    -> true;
            default -> false;
        };
    }
}
