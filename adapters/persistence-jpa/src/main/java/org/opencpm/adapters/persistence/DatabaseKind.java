package org.opencpm.adapters.persistence;

import java.util.Locale;
import java.util.Map;

/**
 * The database products OpenCPM runs on, told apart by their JDBC URL: which driver to load and
 * what the migrations' placeholders become on each.
 */
public enum DatabaseKind {
    H2("org.h2.Driver", "CLOB", ""),
    POSTGRESQL("org.postgresql.Driver", "TEXT", ""),
    /** MariaDB, or MySQL through the MariaDB driver. Tables are case- and accent-sensitive, as on the others. */
    MARIADB("org.mariadb.jdbc.Driver", "LONGTEXT", " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin");

    private static final String H2_NO_RESULT_REUSE_SETTING = "OPTIMIZE_REUSE_RESULTS";

    private final String driverClassName;
    private final String textType;
    private final String tableOptions;

    DatabaseKind(String driverClassName, String textType, String tableOptions) {
        this.driverClassName = driverClassName;
        this.textType = textType;
        this.tableOptions = tableOptions;
    }

    static DatabaseKind of(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            return MARIADB;
        }
        throw new IllegalArgumentException("unsupported JDBC URL (H2, PostgreSQL, MariaDB or MySQL expected): "
                + jdbcUrl.substring(0, Math.min(jdbcUrl.length(), 20)) + "…");
    }

    /**
     * The URL the driver is given: the MariaDB driver takes {@code jdbc:mysql:} only under its own
     * scheme; an H2 URL that does not set {@code OPTIMIZE_REUSE_RESULTS} gets it turned off, as the
     * embedded one has it ({@link DatabaseSettings#EMBEDDED_H2_OPTIONS}: with it on, a query asked
     * again can miss a row committed since), whatever URL an operator configured.
     */
    String driverUrl(String jdbcUrl) {
        if (this == H2 && !jdbcUrl.toUpperCase(Locale.ROOT).contains(H2_NO_RESULT_REUSE_SETTING)) {
            String url = jdbcUrl.strip();
            while (url.endsWith(";")) {
                url = url.substring(0, url.length() - 1); // an empty setting would end H2's reading of the rest
            }
            return url + ";" + H2_NO_RESULT_REUSE_SETTING + "=FALSE";
        }
        if (this == MARIADB && jdbcUrl.regionMatches(true, 0, "jdbc:mysql:", 0, "jdbc:mysql:".length())) {
            return "jdbc:mariadb:" + jdbcUrl.substring("jdbc:mysql:".length());
        }
        return jdbcUrl;
    }

    String driverClassName() {
        return driverClassName;
    }

    /** Flyway placeholders of the migrations: {@code ${text_type}} and {@code ${table_options}}. */
    Map<String, String> placeholders() {
        return Map.of("text_type", textType, "table_options", tableOptions);
    }
}
