package org.opencpm.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.out.ConcurrencyConflictException;

/**
 * {@link Retrying#again}: the one retry loop of the application and of the adapters whose calls
 * run in transactions of their own (the delivery queue).
 */
class RetryingTest {

    @Test
    void a_transaction_that_met_a_conflict_runs_again_until_it_commits() {
        AtomicInteger runs = new AtomicInteger();

        String result = Retrying.again(() -> {
            if (runs.incrementAndGet() < 3) {
                throw new ConcurrencyConflictException("deadlock " + runs.get());
            }
            return "committed";
        });

        assertThat(result).isEqualTo("committed");
        assertThat(runs).hasValue(3);
    }

    @Test
    void after_the_last_attempt_the_last_conflict_is_thrown() {
        AtomicInteger runs = new AtomicInteger();

        assertThatThrownBy(() -> Retrying.again(() -> {
            throw new ConcurrencyConflictException("deadlock " + runs.incrementAndGet());
        })).isInstanceOf(ConcurrencyConflictException.class).hasMessage("deadlock " + Retrying.ATTEMPTS);
        assertThat(runs).hasValue(Retrying.ATTEMPTS);
    }

    @Test
    void any_other_failure_is_not_run_again() {
        AtomicInteger runs = new AtomicInteger();

        assertThatThrownBy(() -> Retrying.again(() -> {
            runs.incrementAndGet();
            throw new IllegalStateException("the database is gone");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(runs).hasValue(1);
    }
}
