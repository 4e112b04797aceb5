package org.opencpm.adapters.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * A test class on a database of its own ({@link TestDatabase}): started once for the class,
 * with the schema migrated, and dropped afterwards. Tests share it, so each one works on data of
 * its own (random ids and codes) and never counts on what another test left or did not leave.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OnDatabase {

    /** Whole milliseconds, as stored. */
    protected static final Instant T0 = Instant.parse("2026-11-29T02:00:00Z");

    protected TestDatabase database;
    protected JpaPersistence persistence;
    /** Why the database is missing (optional and unreachable): each test reports itself skipped with it. */
    private String unavailable;

    protected abstract TestDatabase.Kind kind();

    @BeforeAll
    void startDatabase(@TempDir Path tempDir) {
        try {
            database = TestDatabase.create(kind(), tempDir);
        } catch (TestAbortedException skipped) {
            unavailable = skipped.getMessage();
            return;
        }
        persistence = JpaPersistence.start(database.settings());
    }

    @BeforeEach
    void requireDatabase() {
        Assumptions.assumeTrue(unavailable == null, unavailable);
    }

    @AfterAll
    void stopDatabase() {
        try {
            if (persistence != null) {
                persistence.close();
            }
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    /** A short random token to keep this test's data apart from the others'. */
    protected static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Counts rows with plain JDBC, behind the stores' back. */
    protected long count(String sql, Object... parameters) {
        try (Connection connection = persistence.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
