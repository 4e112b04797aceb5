package org.opencpm.adapters.persistence.outbox;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.persistence.sessions.UnitOfWork;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.application.Retrying;
import org.opencpm.application.port.out.ConcurrencyConflictException;
import org.opencpm.application.port.out.Delivery;
import org.opencpm.application.port.out.DeliveryStatus;

/**
 * The plain JDBC under the three sides of the delivery queue ({@link JpaDeliveryQueue},
 * {@link JpaDeadLetters}, {@link JpaDeliveryRetention}): every call runs in a short transaction
 * of its own ({@link JpaTransactions#inOwnTransaction}, on its own pooled connection), never
 * through the group writer that commits the use cases, so dispatchers neither wait behind consent
 * writes nor hold them up, and a claim's row locks go as soon as it commits; a call made inside an
 * application transaction does not join it. The SQL is JDBC on the entity manager's connection
 * ({@code SKIP LOCKED}, anti-joins and id lists are beyond JPQL). A conflict (deadlock, lock
 * timeout) is run again by {@link Retrying#again}, with its back-off. Also here: the statements'
 * common pieces — reading a delivery with its change, id lists in padded chunks.
 */
final class DeliveryJdbc {

    /** The most ids in one {@code IN} list; lists are padded to a power of two, so few statement shapes exist. */
    static final int MAX_IN_LIST = 512;

    static final String PENDING = DeliveryStatus.PENDING.code();
    static final String INFLIGHT = DeliveryStatus.INFLIGHT.code();
    static final String DELIVERED = DeliveryStatus.DELIVERED.code();
    static final String DEAD = DeliveryStatus.DEAD.code();

    /** A delivery and its change: the columns {@link #delivery} reads. */
    static final String SELECT_DELIVERIES = "SELECT d.id, d.connector_id, d.status, d.attempts, d.next_attempt_at,"
            + " d.last_error, d.created_at, d.delivered_at, o.subject_id, o.kind, o.purpose, o.state, o.preferences, o.version,"
            + " o.occurred_at, o.erasure_due, o.audit_event_id, o.origin"
            + " FROM outbox_delivery d JOIN outbox o ON o.id = d.outbox_id";

    /** Binds a statement's leading parameters. */
    interface Parameters {
        /** Binds the leading parameters and answers the index of the next one (where an id list starts). */
        int bind(PreparedStatement statement) throws SQLException;
    }

    private final JpaTransactions tx;

    DeliveryJdbc(JpaTransactions tx) {
        this.tx = tx;
    }

    /** {@code work} in a transaction of its own, run again after a conflict. */
    <T> T inOwnTransaction(JpaTransactions.JdbcWork<T> work) {
        return Retrying.again(() -> once(work));
    }

    /**
     * {@code work} in a transaction of its own, once.
     *
     * @throws ConcurrencyConflictException when a concurrent writer got there first; nothing was written
     */
    <T> T once(JpaTransactions.JdbcWork<T> work) {
        return tx.inOwnTransaction(em -> {
            try {
                return work.apply(connection(em));
            } catch (SQLException e) {
                throw new PersistenceException(e);
            }
        });
    }

    /** The connection of {@code em}'s transaction, which is begun on the database now. */
    private static Connection connection(EntityManager em) {
        em.unwrap(UnitOfWork.class).beginEarlyTransaction();
        return em.unwrap(Connection.class);
    }

    /** The deliveries {@code select} (its parameters bound) finds, each read by {@link #delivery}. */
    static List<Delivery> deliveries(PreparedStatement select) throws SQLException {
        List<Delivery> deliveries = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                deliveries.add(delivery(rows));
            }
        }
        return deliveries;
    }

    /** The ids {@code select} (its parameters bound) finds in its first column. */
    static List<Long> ids(PreparedStatement select) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    /** A row of {@link #SELECT_DELIVERIES}. */
    static Delivery delivery(ResultSet row) throws SQLException {
        long id = row.getLong("id");
        String connectorId = row.getString("connector_id");
        DeliveryStatus status = DeliveryStatus.parse(row.getString("status"), "status");
        int attempts = row.getInt("attempts");
        long nextAttemptAt = row.getLong("next_attempt_at");
        Optional<String> lastError = Optional.ofNullable(row.getString("last_error"));
        long createdAt = row.getLong("created_at");
        long deliveredAt = row.getLong("delivered_at");
        Optional<Instant> delivered = row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(deliveredAt));
        String purpose = row.getString("purpose");
        String state = row.getString("state");
        return new Delivery(id, connectorId, OutboxMapper.change(row.getString("subject_id"), row.getString("kind"), purpose, state,
                row.getString("preferences"), row.getLong("version"), row.getLong("occurred_at"), row.getBoolean("erasure_due"),
                row.getString("audit_event_id"), row.getString("origin")), status, attempts, Instant.ofEpochMilli(nextAttemptAt), lastError,
                Instant.ofEpochMilli(createdAt), delivered);
    }

    /** Runs {@code sqlBeforeIds} followed by {@code (?, …)} for each chunk of {@code ids}; answers the rows changed. */
    static int updateEach(Connection c, String sqlBeforeIds, List<Long> ids, Parameters parameters) throws SQLException {
        int changed = 0;
        for (List<Long> chunk : chunks(ids)) {
            try (PreparedStatement statement = c.prepareStatement(sqlBeforeIds + placeholders(chunk.size()))) {
                bindIds(statement, parameters.bind(statement), chunk);
                changed += statement.executeUpdate();
            }
        }
        return changed;
    }

    /** {@code ids} (without repeats) in chunks of at most {@value #MAX_IN_LIST}, each padded to a power of two by repeating its last id. */
    static List<List<Long>> chunks(List<Long> ids) {
        List<Long> distinct = ids.stream().distinct().toList();
        List<List<Long>> chunks = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += MAX_IN_LIST) {
            List<Long> chunk = new ArrayList<>(distinct.subList(from, Math.min(distinct.size(), from + MAX_IN_LIST)));
            int size = Integer.highestOneBit(chunk.size());
            size = size == chunk.size() ? size : size * 2;
            Long last = chunk.get(chunk.size() - 1);
            while (chunk.size() < size) {
                chunk.add(last);
            }
            chunks.add(chunk);
        }
        return chunks;
    }

    static String placeholders(int n) {
        return "(" + "?, ".repeat(n - 1) + "?)";
    }

    static void bindIds(PreparedStatement statement, int first, List<Long> ids) throws SQLException {
        for (int i = 0; i < ids.size(); i++) {
            statement.setLong(first + i, ids.get(i));
        }
    }
}
