package org.opencpm.adapters.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * A database of its own for one test class: an H2 file in a temporary directory (file mode, as
 * in production), or a new, uniquely named database ({@code opencpm_t_<random>}) on the
 * machine's PostgreSQL (127.0.0.1:5432) or MariaDB (127.0.0.1:3306), dropped by {@link #close}.
 *
 * <p>With {@code -Dopencpm.databases=required} (Maven profile {@code databases}) a server that
 * cannot be reached fails the test class; otherwise ({@code optional}) its tests are skipped.
 */
public final class TestDatabase implements AutoCloseable {

    /** The database products the contracts run on. */
    public enum Kind { H2, POSTGRESQL, MARIADB }

    /** The servers, overridable with {@code -Dopencpm.test.postgresql=…} and {@code -Dopencpm.test.mariadb=…} (URL up to the database name). */
    static final String POSTGRESQL_SERVER = System.getProperty("opencpm.test.postgresql", "jdbc:postgresql://127.0.0.1:5432/");
    static final String MARIADB_SERVER = System.getProperty("opencpm.test.mariadb", "jdbc:mariadb://127.0.0.1:3306/");

    private final Kind kind;
    private final DatabaseSettings settings;
    private final String adminUrl;
    private final String adminUser;
    private final String name;

    private TestDatabase(Kind kind, DatabaseSettings settings, String adminUrl, String adminUser, String name) {
        this.kind = kind;
        this.settings = settings;
        this.adminUrl = adminUrl;
        this.adminUser = adminUser;
        this.name = name;
    }

    /** A fresh database of {@code kind}; H2 keeps its file under {@code tempDir}. */
    public static TestDatabase create(Kind kind, Path tempDir) {
        return switch (kind) {
            case H2 -> new TestDatabase(kind, withPool(DatabaseSettings.embeddedH2(tempDir)), null, null, null);
            case POSTGRESQL -> server(kind, List.of(POSTGRESQL_SERVER + "postgres", POSTGRESQL_SERVER + "test"), List.of("postgres", "root"),
                    "");
            case MARIADB -> server(kind, List.of(MARIADB_SERVER), List.of("root"), "");
        };
    }

    private static DatabaseSettings withPool(DatabaseSettings settings) {
        return new DatabaseSettings(settings.url(), settings.user(), settings.password(), 24);
    }

    private static TestDatabase server(Kind kind, List<String> adminUrls, List<String> users, String password) {
        DriverManager.setLoginTimeout(5);
        SQLException last = null;
        for (String url : adminUrls) {
            for (String user : users) {
                try (Connection admin = DriverManager.getConnection(url, user, password)) {
                    String name = "opencpm_t_" + HexFormat.of().formatHex(randomBytes());
                    try (Statement statement = admin.createStatement()) {
                        statement.execute(kind == Kind.POSTGRESQL
                                ? "CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0"
                                : "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
                    }
                    String base = kind == Kind.POSTGRESQL ? POSTGRESQL_SERVER : MARIADB_SERVER;
                    return new TestDatabase(kind, new DatabaseSettings(base + name, user, password, 24), url, user, name);
                } catch (SQLException e) {
                    last = e;
                }
            }
        }
        String why = kind + " is not reachable at " + adminUrls.get(0) + " (" + (last == null ? "?" : last.getMessage()) + ")";
        if ("required".equals(System.getProperty("opencpm.databases", "optional").trim().toLowerCase(Locale.ROOT))) {
            throw new IllegalStateException(why + "; the profile 'databases' requires it. Start it: "
                    + (kind == Kind.POSTGRESQL
                    ? "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
                    : "start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd"), last);
        }
        Assumptions.abort(why + "; skipped (run with -Pdatabases to require it)");
        throw new AssertionError("unreachable");
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[5];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    public Kind kind() {
        return kind;
    }

    public DatabaseSettings settings() {
        return settings;
    }

    /** Drops the database (H2's file goes with its temporary directory). */
    @Override
    public void close() {
        if (name == null) {
            return;
        }
        try (Connection admin = DriverManager.getConnection(adminUrl, adminUser, "");
             Statement statement = admin.createStatement()) {
            statement.execute(kind == Kind.POSTGRESQL
                    ? "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"
                    : "DROP DATABASE IF EXISTS " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test database " + name, e);
        }
    }

    @Override
    public String toString() {
        return kind + (name == null ? "" : " " + name);
    }
}
