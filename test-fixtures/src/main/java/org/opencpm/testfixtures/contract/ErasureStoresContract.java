package org.opencpm.testfixtures.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.in.EraseSubjectCommand;
import org.opencpm.application.port.out.ConcurrencyConflictException;
import org.opencpm.application.port.out.Erasure;
import org.opencpm.application.port.out.ErasureStore;
import org.opencpm.application.port.out.SubjectKeyStore;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.domain.subject.Subject;
import org.opencpm.application.port.out.WrappedKey;
import org.opencpm.domain.subject.SubjectId;

/**
 * What the stores of crypto-shredding must do: a person's key reads back as written, a second key
 * for them is a conflict (two transactions making one at once: one wins), destroying it is final
 * and undone by a rollback; an erasure reads back whole, starts once, finishes once, and is listed
 * while unfinished, soonest due first. Run on the in-memory stores ({@code InMemoryErasureStoresTest})
 * and on H2, PostgreSQL and MariaDB ({@code JpaErasureStoresContract}).
 */
public abstract class ErasureStoresContract {

    protected abstract SubjectKeyStore keys();

    /** Where persons are registered: a key lives with its person (in a database, in their row). */
    protected abstract SubjectStore subjects();

    private SubjectId person() {
        SubjectId person = SubjectId.newId();
        inTransaction(() -> subjects().save(Subject.register(person, Instant.parse("2026-11-29T02:00:00Z")), Optional.empty()));
        return person;
    }

    protected abstract ErasureStore erasures();

    /** Runs {@code work} in a transaction of the stores'. */
    protected abstract void inTransaction(Runnable work);

    private static WrappedKey key(int seed) {
        byte[] bytes = new byte[60];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (seed * 31 + i);
        }
        return new WrappedKey(bytes);
    }

    @Test
    void a_key_reads_back_is_made_once_and_destroyed_for_good() {
        SubjectId person = person();
        assertThat(keys().find(person)).isEmpty();
        inTransaction(() -> keys().insert(person, key(1)));

        assertThat(keys().find(person)).contains(key(1));
        assertThatThrownBy(() -> inTransaction(() -> keys().insert(person, key(2)))).isInstanceOf(ConcurrencyConflictException.class);
        assertThat(keys().find(person)).contains(key(1));

        inTransaction(() -> assertThat(keys().destroy(person)).isTrue());
        assertThat(keys().find(person)).isEmpty();
        inTransaction(() -> assertThat(keys().destroy(person)).isFalse());
    }

    @Test
    void a_destroyed_key_comes_back_when_the_transaction_rolls_back() {
        SubjectId person = person();
        inTransaction(() -> keys().insert(person, key(3)));

        assertThatThrownBy(() -> inTransaction(() -> {
            keys().destroy(person);
            throw new IllegalStateException("rolled back");
        })).hasMessageContaining("rolled back");

        assertThat(keys().find(person)).contains(key(3));
    }

    @Test
    void a_person_registered_and_given_a_key_in_one_transaction_has_it() {
        SubjectId person = SubjectId.newId();
        inTransaction(() -> {
            subjects().save(Subject.register(person, Instant.parse("2026-11-29T02:00:00Z")), Optional.empty());
            assertThat(keys().find(person)).isEmpty();
            keys().insert(person, key(4));
            assertThat(keys().find(person)).contains(key(4));
        });
        assertThat(keys().find(person)).contains(key(4));
    }

    @Test
    void an_erasure_reads_back_starts_once_and_finishes_once() {
        Instant started = Instant.parse("2033-03-01T08:00:00.123Z");
        Erasure erasure = new Erasure(SubjectId.newId(), EraseSubjectCommand.Reason.REQUEST, Optional.of("request-1"), started,
                started.plus(Duration.ofDays(1)), Optional.empty());
        inTransaction(() -> erasures().start(erasure));

        assertThat(erasures().find(erasure.subject())).contains(erasure);
        assertThatThrownBy(() -> inTransaction(() -> erasures().start(erasure))).isInstanceOf(ConcurrencyConflictException.class);
        assertThat(erasures().unfinished(10_000)).contains(erasure);

        Erasure finished = erasure.finishedAt(started.plusSeconds(90));
        inTransaction(() -> assertThat(erasures().finish(finished)).isTrue());
        inTransaction(() -> assertThat(erasures().finish(finished)).as("a second node finishing it too").isFalse());

        assertThat(erasures().find(erasure.subject())).contains(finished);
        assertThat(erasures().unfinished(10_000)).doesNotContain(erasure, finished);
    }

    @Test
    void unfinished_erasures_are_listed_soonest_due_first_and_without_a_request_for_retention() {
        Instant base = Instant.parse("2001-06-01T00:00:00Z");
        Erasure later = new Erasure(SubjectId.newId(), EraseSubjectCommand.Reason.RETENTION, Optional.empty(), base,
                base.plusSeconds(20), Optional.empty());
        Erasure sooner = new Erasure(SubjectId.newId(), EraseSubjectCommand.Reason.REQUEST, Optional.of("r"), base,
                base.plusSeconds(10), Optional.empty());
        inTransaction(() -> {
            erasures().start(later);
            erasures().start(sooner);
        });

        List<Erasure> first = erasures().unfinished(2);
        assertThat(first).containsExactly(sooner, later);
        assertThat(erasures().find(later.subject())).contains(later);
    }
}
