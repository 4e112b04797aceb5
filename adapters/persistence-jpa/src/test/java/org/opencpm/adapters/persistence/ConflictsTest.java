package org.opencpm.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.RollbackException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencpm.application.port.out.ConcurrencyConflictException;

/** Which database failures are a concurrent writer's doing, on H2, PostgreSQL and MariaDB. */
class ConflictsTest {

    @ParameterizedTest(name = "{0}: {1}/{2}")
    @CsvSource({
            "'duplicate key (PostgreSQL, H2)', 23505, 0",
            "duplicate key (MariaDB), 23000, 1062",
            "foreign key gone meanwhile, 23503, 0",
            "serialization failure (PostgreSQL), 40001, 0",
            "deadlock (H2), 40001, 40001",
            "deadlock (MariaDB), 40001, 1213",
            "deadlock (PostgreSQL), 40P01, 0",
            "lock not available (PostgreSQL), 55P03, 0",
            "lock timeout (H2), HYT00, 50200",
            "lock wait timeout (MariaDB), HY000, 1205",
            "concurrent update (H2), 90131, 90131"})
    void a_failure_caused_by_a_concurrent_writer_is_a_conflict(String what, String sqlState, int code) {
        PersistenceException failure = new PersistenceException(what, new SQLException(what, sqlState, code));
        assertThat(Conflicts.translate(failure)).isInstanceOf(ConcurrencyConflictException.class).hasCause(failure);
    }

    @ParameterizedTest(name = "{0}: {1}/{2}")
    @CsvSource({
            "'not null (PostgreSQL, H2)', 23502, 0",
            "not null (MariaDB), 23000, 1048",
            "check constraint, 23514, 0",
            "value too long, 22001, 0",
            "no such table, 42P01, 0",
            "connection refused, 08001, 0"})
    void a_failure_no_retry_can_cure_stays_what_it_is(String what, String sqlState, int code) {
        PersistenceException failure = new PersistenceException(what, new SQLException(what, sqlState, code));
        assertThat(Conflicts.translate(failure)).isSameAs(failure);
    }

    @Test
    void a_conflict_that_shows_only_at_commit_is_found_deep_in_the_cause_chain() {
        RollbackException atCommit = new RollbackException("commit failed",
                new PersistenceException("flush", new RuntimeException("EclipseLink", new SQLException("duplicate", "23505"))));
        assertThat(Conflicts.translate(atCommit)).isInstanceOf(ConcurrencyConflictException.class);
    }

    @Test
    void a_batch_failure_is_judged_by_the_exceptions_chained_to_it() {
        BatchUpdateException batch = new BatchUpdateException("batch", null, 0, new int[0]);
        batch.setNextException(new SQLException("duplicate", "23505"));
        assertThat(Conflicts.isConflict(new PersistenceException(batch))).isTrue();
    }

    @Test
    void an_optimistic_lock_failure_is_a_conflict_and_a_conflict_stays_itself() {
        ConcurrencyConflictException conflict = new ConcurrencyConflictException("subject changed meanwhile");
        assertThat(Conflicts.translate(new OptimisticLockException("stale"))).isInstanceOf(ConcurrencyConflictException.class);
        assertThat(Conflicts.translate(conflict)).isSameAs(conflict);
    }

    @Test
    void a_lock_exception_over_a_database_that_is_gone_is_no_conflict() {
        PersistenceException closed = new jakarta.persistence.PessimisticLockException("lock query failed",
                new RuntimeException("EclipseLink", new SQLException("The database has been closed", "90098", 90098)));
        assertThat(Conflicts.translate(closed)).isSameAs(closed);
    }

    @Test
    void a_failure_of_the_work_itself_passes_through_untouched() {
        IllegalStateException refused = new IllegalStateException("a rule said no");
        assertThat(Conflicts.translate(refused)).isSameAs(refused);
        assertThat(Conflicts.isConflict(new SQLException("no state"))).isFalse();
    }
}
