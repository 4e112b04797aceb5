package org.opencpm.adapters.persistence.outbox;

import static org.opencpm.adapters.persistence.outbox.DeliveryJdbc.DEAD;
import static org.opencpm.adapters.persistence.outbox.DeliveryJdbc.DELIVERED;
import static org.opencpm.adapters.persistence.outbox.DeliveryJdbc.INFLIGHT;
import static org.opencpm.adapters.persistence.outbox.DeliveryJdbc.PENDING;
import static org.opencpm.adapters.persistence.outbox.DeliveryJdbc.bindIds;
import static org.opencpm.adapters.persistence.outbox.DeliveryJdbc.chunks;
import static org.opencpm.adapters.persistence.outbox.DeliveryJdbc.placeholders;
import static org.opencpm.adapters.persistence.outbox.DeliveryJdbc.updateEach;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.opencpm.adapters.persistence.DatabaseKind;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.application.Retrying;
import org.opencpm.application.port.out.ConcurrencyConflictException;
import org.opencpm.application.port.out.Delivery;
import org.opencpm.application.port.out.DeliveryQueue;
import org.opencpm.application.port.out.DeliveryStatus;

/**
 * The dispatchers' side of the deliveries {@link JpaOutbox#enqueue} wrote to {@code
 * outbox_delivery}: claims and their outcomes, safe for any number of dispatcher threads on any
 * number of nodes sharing one database. Operators' side: {@link JpaDeadLetters}; the purge of old
 * receipts: {@link JpaDeliveryRetention}.
 *
 * <p>Each call runs in a short transaction of its own, run again after a conflict ({@link
 * DeliveryJdbc}).
 *
 * <p><b>Claiming</b> ({@link #claim}), in one transaction:
 * <ol>
 *   <li>Two cheap reads: is a pending delivery due, or a lease run out? If neither, the claim
 *       returns nothing having locked and written nothing (an idle connector's polls cost two
 *       index look-ups).
 *   <li>{@code SELECT … FROM connector_lock WHERE connector_id = ? FOR UPDATE}: claims of one
 *       connector take turns, on every node (the row is inserted by the first claim of a
 *       connector). The lock is held for a few milliseconds, and each claim takes a batch.
 *   <li>Leases that ran out ({@code inflight} with {@code lease_until <= now}) become pending again.
 *   <li>The candidates: the connector's pending deliveries due at {@code now}, in id order, up to
 *       the limit, that have no earlier pending delivery of their subject and no delivery of their
 *       subject in flight; with the change joined from {@code outbox}. PostgreSQL locks them
 *       {@code FOR UPDATE OF d SKIP LOCKED}, MariaDB {@code FOR UPDATE SKIP LOCKED} (10.6+), so that
 *       a row another transaction holds (a late acknowledgement) is passed over instead of waited
 *       for; H2 does not lock them: with {@code FOR UPDATE}, H2 2.2 reads every matching row before
 *       applying the limit, and embedded H2 is one node.
 *   <li>{@code UPDATE … SET status = 'inflight', lease_owner, lease_until WHERE status = 'pending'
 *       AND id IN (…)}: only rows still pending are taken; should any not be, the claim re-reads
 *       which are its own.
 * </ol>
 * Why this is exact: every change of a delivery <em>into</em> {@code inflight} happens in a claim,
 * and a connector's claims run one after the other, each reading (at READ COMMITTED, after taking
 * the lock) everything the previous one committed. So no delivery is claimed twice, and a subject
 * never has two deliveries in flight: the candidate query sees every committed in-flight delivery,
 * and concurrent acknowledgements only ever make more deliveries eligible. A later change of a
 * subject waits while an earlier one is pending (due or not) or in flight; a dead one does not hold
 * it back. A dead delivery replayed while a later one of its subject is in flight waits for that
 * one to finish, so even then one subject never has two in flight. {@link #release} only moves
 * deliveries out of flight. Correctness rests on the lock row and the conditional update, never on
 * {@code SKIP LOCKED} alone.
 *
 * <p><b>Cost.</b> A claim reads the connector's pending deliveries in id order until it has
 * {@code limit} claimable ones, probing each one's subject in the subject index; deliveries that
 * wait (behind their subject's head, or for their retry time) are read and passed over. So a claim
 * costs about {@code limit} probes when the oldest pending deliveries are claimable, and more when
 * many wait ahead of them (a connector retrying thousands of failures). Claims of one connector
 * are serialised: claim in batches (tens to hundreds), not one delivery at a time.
 *
 * <p><b>Outcomes</b> come only from the owner of the lease: {@link #delivered} (the ids of one
 * message, one {@code UPDATE} per {@value DeliveryJdbc#MAX_IN_LIST} ids), {@link #retryLater}
 * and {@link #dead} (one {@code UPDATE} by primary key each) change a delivery only while it is in flight for the
 * given owner, and count one more attempt. A node whose lease ran out, and whose delivery another
 * node claimed (or delivered) since, changes nothing, nor does a second acknowledgement or an
 * unknown id; they report how many deliveries, or whether the one, they changed. {@link #release}
 * makes a restarted node's in-flight deliveries due again at once. Errors are cut to {@value
 * #MAX_ERROR_LENGTH} characters.
 */
public final class JpaDeliveryQueue implements DeliveryQueue {

    /** {@code outbox_delivery.last_error}. */
    public static final int MAX_ERROR_LENGTH = 1000;
    /** {@code outbox_delivery.lease_owner}. */
    public static final int MAX_OWNER_LENGTH = 200;

    /** A pending delivery due at a time: read from the claiming index alone. */
    private static final String DUE = "SELECT id FROM outbox_delivery WHERE connector_id = ? AND status = '" + PENDING + "'"
            + " AND next_attempt_at <= ? LIMIT 1";
    /** An in-flight delivery whose lease ran out by a time. */
    private static final String EXPIRED = "SELECT id FROM outbox_delivery WHERE connector_id = ? AND status = '" + INFLIGHT + "'"
            + " AND lease_until <= ? LIMIT 1";

    private final DeliveryJdbc jdbc;
    private final DeliveryDialect dialect;

    public JpaDeliveryQueue(JpaTransactions tx, DatabaseKind kind) {
        this.jdbc = new DeliveryJdbc(tx);
        this.dialect = DeliveryDialect.of(kind);
    }

    // ---------------------------------------------------------------- claiming

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when {@code owner} is blank or longer than {@value #MAX_OWNER_LENGTH}
     *                                  characters, or {@code lease} is negative
     */
    @Override
    public List<Delivery> claim(String connectorId, int limit, Instant now, Duration lease, String owner) {
        Objects.requireNonNull(connectorId, "connectorId");
        Objects.requireNonNull(now, "now");
        if (owner == null || owner.isBlank() || owner.length() > MAX_OWNER_LENGTH) {
            throw new IllegalArgumentException("a lease owner must be 1 to " + MAX_OWNER_LENGTH + " characters");
        }
        if (lease.isNegative()) {
            throw new IllegalArgumentException("a lease cannot be negative: " + lease);
        }
        if (limit <= 0) {
            return List.of();
        }
        long nowMillis = now.toEpochMilli();
        long until = now.plus(lease).toEpochMilli();
        return Retrying.again(() -> {
            Optional<List<Delivery>> claimed = jdbc.once(c -> claimLocked(c, connectorId, limit, nowMillis, until, owner));
            if (claimed.isPresent()) {
                return claimed.get();
            }
            createLock(connectorId);
            throw new ConcurrencyConflictException("the claim lock of connector " + connectorId + " was just created; claim again");
        });
    }

    /** A claim under the connector's lock row; empty when the connector has no lock row yet. */
    private Optional<List<Delivery>> claimLocked(Connection c, String connectorId, int limit, long now, long until, String owner)
            throws SQLException {
        if (!any(c, DUE, connectorId, now) && !any(c, EXPIRED, connectorId, now)) {
            return Optional.of(List.of()); // nothing to do: no lock taken, nothing written
        }
        try (PreparedStatement lock = c.prepareStatement("SELECT connector_id FROM connector_lock WHERE connector_id = ? FOR UPDATE")) {
            lock.setString(1, connectorId);
            try (ResultSet row = lock.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
            }
        }
        try (PreparedStatement expire = c.prepareStatement("UPDATE outbox_delivery SET status = '" + PENDING + "',"
                + " lease_owner = NULL, lease_until = NULL"
                + " WHERE connector_id = ? AND status = '" + INFLIGHT + "' AND lease_until <= ?")) {
            expire.setString(1, connectorId);
            expire.setLong(2, now);
            expire.executeUpdate();
        }
        List<Delivery> candidates;
        try (PreparedStatement select = c.prepareStatement(dialect.claimable)) {
            int p = 1;
            select.setString(p++, connectorId);
            select.setLong(p++, now);
            if (dialect.connectorTwice) {
                select.setString(p++, connectorId);
            }
            select.setInt(p, limit);
            candidates = DeliveryJdbc.deliveries(select);
        }
        if (candidates.isEmpty()) {
            return Optional.of(List.of());
        }
        List<Long> ids = candidates.stream().map(Delivery::id).toList();
        int taken = updateEach(c, "UPDATE outbox_delivery SET status = '" + INFLIGHT + "', lease_owner = ?, lease_until = ?"
                + " WHERE status = '" + PENDING + "' AND id IN ", ids, statement -> {
            statement.setString(1, owner);
            statement.setLong(2, until);
            return 3;
        });
        List<Delivery> claimed = candidates;
        if (taken != candidates.size()) {
            Set<Long> ours = ownedBy(c, ids, owner, until);
            claimed = candidates.stream().filter(d -> ours.contains(d.id())).toList();
        }
        return Optional.of(claimed.stream().map(d -> new Delivery(d.id(), d.connectorId(), d.change(), DeliveryStatus.INFLIGHT,
                d.attempts(), d.nextAttemptAt(), d.lastError(), d.createdAt(), d.deliveredAt())).toList());
    }

    /** Whether {@code query} (one of {@link #DUE}, {@link #EXPIRED}) finds a row for the connector at {@code now}. */
    private static boolean any(Connection c, String query, String connectorId, long now) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(query)) {
            select.setString(1, connectorId);
            select.setLong(2, now);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    /** Which of {@code ids} are in flight for {@code owner} until {@code until}. */
    private static Set<Long> ownedBy(Connection c, List<Long> ids, String owner, long until) throws SQLException {
        Set<Long> ours = new HashSet<>();
        for (List<Long> chunk : chunks(ids)) {
            try (PreparedStatement select = c.prepareStatement("SELECT id FROM outbox_delivery WHERE status = '" + INFLIGHT + "'"
                    + " AND lease_owner = ? AND lease_until = ? AND id IN " + placeholders(chunk.size()))) {
                select.setString(1, owner);
                select.setLong(2, until);
                bindIds(select, 3, chunk);
                ours.addAll(DeliveryJdbc.ids(select));
            }
        }
        return ours;
    }

    /** Inserts the connector's lock row; a concurrent first claim inserting it too is no failure. */
    private void createLock(String connectorId) {
        try {
            jdbc.once(c -> {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO connector_lock (connector_id) VALUES (?)")) {
                    insert.setString(1, connectorId);
                    return insert.executeUpdate();
                }
            });
        } catch (ConcurrencyConflictException alreadyThere) {
            // another claimer created it meanwhile
        }
    }

    // ---------------------------------------------------------------- acknowledging and releasing

    /**
     * {@inheritDoc} One {@code UPDATE} per {@value DeliveryJdbc#MAX_IN_LIST} ids (one for any usual message), in
     * one transaction; each delivery marked counts one more attempt. Ids that are unknown, not in
     * flight, or in flight for another owner are passed over; an id named twice counts once.
     */
    @Override
    public int delivered(List<Long> deliveryIds, String owner, Instant at) {
        Objects.requireNonNull(owner, "owner");
        if (deliveryIds.isEmpty()) {
            return 0;
        }
        long when = at.toEpochMilli();
        List<Long> ids = List.copyOf(deliveryIds);
        return jdbc.inOwnTransaction(c -> updateEach(c, "UPDATE outbox_delivery SET status = '" + DELIVERED + "', attempts = attempts + 1,"
                        + " delivered_at = ?, lease_owner = NULL, lease_until = NULL"
                        + " WHERE status = '" + INFLIGHT + "' AND lease_owner = ? AND id IN ", ids, statement -> {
                    statement.setLong(1, when);
                    statement.setString(2, owner);
                    return 3;
                }));
    }

    /** {@inheritDoc} One {@code UPDATE} by primary key. */
    @Override
    public boolean retryLater(long deliveryId, String owner, Instant nextAttemptAt, String error) {
        Objects.requireNonNull(owner, "owner");
        long next = nextAttemptAt.toEpochMilli();
        String message = truncated(error);
        return acknowledge("UPDATE outbox_delivery SET status = '" + PENDING + "', attempts = attempts + 1, next_attempt_at = ?,"
                + " last_error = ?, lease_owner = NULL, lease_until = NULL"
                + " WHERE id = ? AND status = '" + INFLIGHT + "' AND lease_owner = ?", statement -> {
            statement.setLong(1, next);
            statement.setString(2, message);
            statement.setLong(3, deliveryId);
            statement.setString(4, owner);
            return 5;
        });
    }

    /** {@inheritDoc} One {@code UPDATE} by primary key. {@code at} is not kept (a {@link Delivery} has no place for it). */
    @Override
    public boolean dead(long deliveryId, String owner, Instant at, String error) {
        Objects.requireNonNull(owner, "owner");
        String message = truncated(error);
        return acknowledge("UPDATE outbox_delivery SET status = '" + DEAD + "', attempts = attempts + 1, last_error = ?,"
                + " lease_owner = NULL, lease_until = NULL WHERE id = ? AND status = '" + INFLIGHT + "' AND lease_owner = ?", statement -> {
            statement.setString(1, message);
            statement.setLong(2, deliveryId);
            statement.setString(3, owner);
            return 4;
        });
    }

    /** One conditional update of one delivery; whether it changed the row. */
    private boolean acknowledge(String update, DeliveryJdbc.Parameters parameters) {
        return jdbc.inOwnTransaction(c -> {
            try (PreparedStatement statement = c.prepareStatement(update)) {
                parameters.bind(statement);
                return statement.executeUpdate() > 0;
            }
        });
    }

    /**
     * {@inheritDoc} Their next attempt is at {@code now}; attempts and last error stay as they
     * were. One {@code UPDATE} per connector that has a {@code connector_lock} row, through the
     * claiming index: a delivery only gets into flight in a claim, under its connector's lock row,
     * so every connector with deliveries in flight has one (and there are few connectors, while
     * {@code outbox_delivery} keeps the delivered rows of the whole retention period).
     */
    @Override
    public int release(String owner, Instant now) {
        Objects.requireNonNull(owner, "owner");
        long nowMillis = now.toEpochMilli();
        return jdbc.inOwnTransaction(c -> {
            List<String> connectors = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT connector_id FROM connector_lock ORDER BY connector_id");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    connectors.add(rows.getString(1));
                }
            }
            int released = 0;
            try (PreparedStatement update = c.prepareStatement("UPDATE outbox_delivery SET status = '" + PENDING + "',"
                    + " next_attempt_at = ?, lease_owner = NULL, lease_until = NULL"
                    + " WHERE connector_id = ? AND status = '" + INFLIGHT + "' AND lease_owner = ?")) {
                for (String connector : connectors) {
                    update.setLong(1, nowMillis);
                    update.setString(2, connector);
                    update.setString(3, owner);
                    released += update.executeUpdate();
                }
            }
            return released;
        });
    }

    /** {@code error} cut to {@value #MAX_ERROR_LENGTH} characters, never in the middle of a surrogate pair. */
    static String truncated(String error) {
        if (error == null || error.length() <= MAX_ERROR_LENGTH) {
            return error;
        }
        int end = MAX_ERROR_LENGTH;
        if (Character.isHighSurrogate(error.charAt(end - 1))) {
            end--;
        }
        return error.substring(0, end);
    }
}
