package org.opencpm.adapters.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import org.postgresql.PGStatement;

/**
 * Rows read by many keys at once on a transaction's connection: a batch's identifier hashes, its
 * idempotency keys, the consents of its subjects. The query names the key column first in its
 * select list, so that each row says which key it answers.
 *
 * <ul>
 *   <li>PostgreSQL: one {@code key = ANY(?)} query per {@value #CHUNK} keys, the keys as one array
 *       parameter, sent as an unnamed statement (pgjdbc's prepare threshold 0), so that PostgreSQL
 *       plans each with the keys it is given. A plan PostgreSQL cached while the table was small
 *       is a sequential scan and stays one: an {@code IN} list planned that way took 0.5 s a query
 *       after 100k people. One key a query instead costs a round trip each, which bounded a bulk
 *       import on PostgreSQL (P11, benchmarks/README.md).</li>
 *   <li>MariaDB: one {@code key IN (?, …)} query per {@value #CHUNK} keys; its prepared statements
 *       are prepared by the client and planned at every execution.</li>
 *   <li>H2: one primary-key query per key. H2 runs in the process: there is no round trip to
 *       save.</li>
 * </ul>
 */
public final class KeyedLookup {

    /** The most keys one query carries. */
    static final int CHUNK = 1_000;

    /** Reads one row of the answer; its first column is the key. */
    @FunctionalInterface
    public interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private final DatabaseKind kind;

    public KeyedLookup(DatabaseKind kind) {
        this.kind = kind;
    }

    /**
     * Runs {@code select} ({@code SELECT key_column, … FROM table WHERE key_column}, to which the
     * condition on the keys is added) for {@code keys} and hands every row found to {@code reader};
     * a key with no row gives none.
     */
    public void read(Connection connection, String select, Collection<String> keys, RowReader reader) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        List<String> all = List.copyOf(keys);
        switch (kind) {
            case POSTGRESQL -> {
                for (int from = 0; from < all.size(); from += CHUNK) {
                    readAny(connection, select, all.subList(from, Math.min(all.size(), from + CHUNK)), reader);
                }
            }
            case MARIADB -> {
                for (int from = 0; from < all.size(); from += CHUNK) {
                    readIn(connection, select, all.subList(from, Math.min(all.size(), from + CHUNK)), reader);
                }
            }
            case H2 -> readEach(connection, select, all, reader);
        }
    }

    private static void readAny(Connection connection, String select, List<String> keys, RowReader reader) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(select + " = ANY(?)")) {
            query.unwrap(PGStatement.class).setPrepareThreshold(0);
            Array array = connection.createArrayOf("varchar", keys.toArray());
            try {
                query.setArray(1, array);
                readAll(query, reader);
            } finally {
                array.free();
            }
        }
    }

    private static void readIn(Connection connection, String select, List<String> keys, RowReader reader) throws SQLException {
        StringBuilder sql = new StringBuilder(select.length() + 5 + keys.size() * 3).append(select).append(" IN (");
        for (int i = 0; i < keys.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        try (PreparedStatement query = connection.prepareStatement(sql.append(')').toString())) {
            for (int i = 0; i < keys.size(); i++) {
                query.setString(i + 1, keys.get(i));
            }
            readAll(query, reader);
        }
    }

    private static void readEach(Connection connection, String select, List<String> keys, RowReader reader) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(select + " = ?")) {
            for (String key : keys) {
                query.setString(1, key);
                readAll(query, reader);
            }
        }
    }

    private static void readAll(PreparedStatement query, RowReader reader) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                reader.read(rows);
            }
        }
    }
}
