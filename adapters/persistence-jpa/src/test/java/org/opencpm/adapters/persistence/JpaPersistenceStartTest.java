package org.opencpm.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencpm.domain.subject.Subject;
import org.opencpm.domain.subject.SubjectId;

class JpaPersistenceStartTest {

    @Test
    void a_second_start_on_the_same_database_finds_the_schema_migrated_and_the_data_kept(@TempDir Path dataDir) throws Exception {
        SubjectId subject = SubjectId.newId();
        try (JpaPersistence first = JpaPersistence.start(DatabaseSettings.embeddedH2(dataDir))) {
            first.subjects().save(Subject.register(subject, OnDatabase.T0), Optional.empty());
        }
        try (JpaPersistence second = JpaPersistence.start(DatabaseSettings.embeddedH2(dataDir));
             Connection readiness = second.dataSource().getConnection()) {
            assertThat(readiness.isValid(2)).isTrue();
            assertThat(second.subjects().find(subject)).isPresent();
        }
        assertThat(dataDir.resolve("db").resolve("opencpm.mv.db")).exists();
    }

    @Test
    void a_database_that_cannot_be_reached_fails_the_start_at_once() {
        DatabaseSettings nowhere = new DatabaseSettings("jdbc:postgresql://127.0.0.1:1/opencpm", "opencpm", "secret", 2);
        assertThatThrownBy(() -> JpaPersistence.start(nowhere)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void closing_twice_is_harmless(@TempDir Path dataDir) {
        JpaPersistence persistence = JpaPersistence.start(DatabaseSettings.embeddedH2(dataDir));
        persistence.close();
        persistence.close();
    }
}
