package org.opencpm.adapters.persistence.outbox;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
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
import java.util.function.Supplier;
import org.eclipse.persistence.sessions.UnitOfWork;
import org.opencpm.adapters.persistence.DatabaseKind;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.application.port.out.ConcurrencyConflictException;
import org.opencpm.application.port.out.Delivery;
import org.opencpm.application.port.out.DeliveryCounts;
import org.opencpm.application.port.out.DeliveryQueue;
import org.opencpm.application.port.out.DeliveryStatus;

/**
 * The deliveries {@link JpaOutbox#enqueue} wrote to {@code outbox_delivery}, handed out to the
 * connectors' dispatchers; safe for any number of dispatcher threads on any number of nodes
 * sharing one database.
 *
 * <p><b>Transactions.</b> Every call runs in a short transaction of its own ({@link
 * JpaTransactions#inOwnTransaction}, on its own pooled connection), never through the group
 * writer that commits the use cases: dispatchers neither wait behind consent writes nor hold
 * them up, and a claim's row locks are released as soon as it commits. A call made inside an
 * application transaction does not join it. The SQL is plain JDBC on the entity manager's
 * connection: {@code SKIP LOCKED}, anti-joins and id lists are beyond JPQL. A conflict (deadlock,
 * lock timeout) is retried up to {@value #ATTEMPTS} times.
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
 * message, one {@code UPDATE} per {@value #MAX_IN_LIST} ids), {@link #retryLater} and {@link #dead}
 * (one {@code UPDATE} by primary key each) change a delivery only while it is in flight for the
 * given owner, and count one more attempt. A node whose lease ran out, and whose delivery another
 * node claimed (or delivered) since, changes nothing, nor does a second acknowledgement or an
 * unknown id; they report how many deliveries, or whether the one, they changed. {@link #release}
 * makes a restarted node's in-flight deliveries due again at once. Errors are cut to {@value
 * #MAX_ERROR_LENGTH} characters.
 *
 * <p><b>Replay and purge.</b> {@link #replay} makes dead deliveries pending again, except those a
 * later change of the same subject and purpose, delivered or on its way, has overtaken: those are
 * marked delivered as {@value #SUPERSEDED}. {@link #purgeDelivered} deletes delivered deliveries
 * (but those an earlier dead one may need for that) and orphaned changes older than the retention
 * period, in batches of {@value #PURGE_BATCH}.
 */
public final class JpaDeliveryQueue implements DeliveryQueue {

    /** Runs of a call that met a conflict (deadlock, lock timeout, a connector's first lock row). */
    static final int ATTEMPTS = 8;
    /** {@code outbox_delivery.last_error}. */
    public static final int MAX_ERROR_LENGTH = 1000;
    /** {@code outbox_delivery.lease_owner}. */
    public static final int MAX_OWNER_LENGTH = 200;
    /** The most ids in one {@code IN} list; lists are padded to a power of two, so few statement shapes exist. */
    static final int MAX_IN_LIST = 512;

    /** The last error of a dead delivery that {@link #replay} found overtaken, and marked delivered instead of sending it. */
    public static final String SUPERSEDED = "superseded by a newer change of its subject and purpose for this connector";
    /** The most rows one transaction of {@link #purgeDelivered} deletes. */
    public static final int PURGE_BATCH = 10_000;

    private static final String PENDING = DeliveryStatus.PENDING.code();
    private static final String INFLIGHT = DeliveryStatus.INFLIGHT.code();
    private static final String DELIVERED = DeliveryStatus.DELIVERED.code();
    private static final String DEAD = DeliveryStatus.DEAD.code();

    /** A delivery and its change: the columns {@link #delivery} reads. */
    private static final String SELECT_DELIVERIES = "SELECT d.id, d.connector_id, d.status, d.attempts, d.next_attempt_at,"
            + " d.last_error, d.created_at, d.delivered_at, o.subject_id, o.kind, o.purpose, o.state, o.preferences, o.version,"
            + " o.occurred_at, o.erasure_due, o.audit_event_id, o.origin"
            + " FROM outbox_delivery d JOIN outbox o ON o.id = d.outbox_id";

    /**
     * The candidate query of a claim on each database. The same rule everywhere; the shape of the
     * two subject probes (and the lock clause) is what keeps each database's planner on the plan
     * that stops after {@code limit} rows of the claiming index and probes each row's subject
     * through the subject index, with or without statistics (each measured on 20,000 pending and
     * 200,000 delivered deliveries). Parameters: connector, now, [connector,] limit.
     */
    private enum Dialect {
        /**
         * {@code OFFSET 0} keeps the probes correlated subplans: as anti-joins, before the table
         * is first analysed, PostgreSQL re-scans the whole pending range per candidate (350 ms
         * instead of 0.6 ms at 20,000 pending). {@code FOR UPDATE OF d}: only the delivery rows.
         */
        POSTGRESQL(false, " OFFSET 0", " FOR UPDATE OF d SKIP LOCKED", " ORDER BY d.id"),
        /**
         * The in-flight probe names the connector as a parameter, so that MariaDB materialises it
         * from the connector's in-flight rows (a few hundred) instead of the whole subject index.
         * {@code FOR UPDATE SKIP LOCKED} (10.6+; it also locks the joined outbox rows, which
         * nobody else locks).
         */
        MARIADB(true, "", " FOR UPDATE SKIP LOCKED", " ORDER BY d.id"),
        /**
         * No {@code FOR UPDATE}: H2 2.2 accepts {@code SKIP LOCKED}, but with {@code FOR UPDATE}
         * it evaluates every matching row before the limit. Embedded H2 is one node; the lock row
         * and the conditional update suffice. {@code ORDER BY connector_id, status, id} (the
         * first two are fixed by the query) names the claiming index's leading columns, which is
         * how H2 recognises an index that is already in order: sorted by {@code id} alone, it reads
         * every pending row and sorts them (50–150 ms instead of 2 ms at 20,000 pending).
         */
        H2(false, "", "", " ORDER BY d.connector_id, d.status, d.id");

        final String claimable;
        final boolean connectorTwice;
        /** A connector's deliveries in one status, oldest first. Parameters: connector, status, limit. */
        final String list;

        Dialect(boolean connectorTwice, String fence, String lock, String orderBy) {
            this.connectorTwice = connectorTwice;
            this.list = SELECT_DELIVERIES + " WHERE d.connector_id = ? AND d.status = ?" + orderBy + " LIMIT ?";
            this.claimable = SELECT_DELIVERIES
                    + " WHERE d.connector_id = ? AND d.status = '" + PENDING + "' AND d.next_attempt_at <= ?"
                    + " AND NOT EXISTS (SELECT 1 FROM outbox_delivery e WHERE e.connector_id = d.connector_id"
                    + " AND e.subject_id = d.subject_id AND e.status = '" + PENDING + "' AND e.id < d.id" + fence + ")"
                    + " AND NOT EXISTS (SELECT 1 FROM outbox_delivery f WHERE f.connector_id = "
                    + (connectorTwice ? "?" : "d.connector_id")
                    + " AND f.subject_id = d.subject_id AND f.status = '" + INFLIGHT + "'" + fence + ")"
                    + orderBy + " LIMIT ?" + lock;
        }
    }

    /** A pending delivery due at a time: read from the claiming index alone. */
    private static final String DUE = "SELECT id FROM outbox_delivery WHERE connector_id = ? AND status = '" + PENDING + "'"
            + " AND next_attempt_at <= ? LIMIT 1";
    /** An in-flight delivery whose lease ran out by a time. */
    private static final String EXPIRED = "SELECT id FROM outbox_delivery WHERE connector_id = ? AND status = '" + INFLIGHT + "'"
            + " AND lease_until <= ? LIMIT 1";

    /**
     * A connector's dead deliveries, each with 1 when it is superseded: a later delivery of its
     * connector and subject is delivered or on its way (pending or in flight), and that one's
     * change has the same kind and the same purpose (none, for preference changes). Parameters:
     * connector[, ids].
     */
    private static final String DEAD_AND_SUPERSEDED = "SELECT d.id, CASE WHEN EXISTS (SELECT 1 FROM outbox_delivery e"
            + " JOIN outbox n ON n.id = e.outbox_id WHERE e.connector_id = d.connector_id AND e.subject_id = d.subject_id"
            + " AND e.status <> '" + DEAD + "' AND e.id > d.id AND n.kind = o.kind"
            + " AND (n.purpose = o.purpose OR (n.purpose IS NULL AND o.purpose IS NULL))) THEN 1 ELSE 0 END"
            + " FROM outbox_delivery d JOIN outbox o ON o.id = d.outbox_id WHERE d.connector_id = ? AND d.status = '" + DEAD + "'";

    /**
     * Deliveries delivered before a time — but not one that an earlier dead delivery of its
     * connector and subject may need, to be found superseded when it is replayed. Parameters:
     * before, limit.
     */
    private static final String PURGEABLE_DELIVERIES = "SELECT d.id FROM outbox_delivery d WHERE d.delivered_at < ? AND d.status = '"
            + DELIVERED + "' AND NOT EXISTS (SELECT 1 FROM outbox_delivery x WHERE x.connector_id = d.connector_id"
            + " AND x.subject_id = d.subject_id AND x.status = '" + DEAD + "' AND x.id < d.id) LIMIT ?";
    /** The {@code outbox} row (named {@code outbox}, not aliased) has no delivery left ({@code ix_delivery_outbox}). */
    private static final String NO_DELIVERY_LEFT = "NOT EXISTS (SELECT 1 FROM outbox_delivery d WHERE d.outbox_id = outbox.id)";
    /** Changes written before a time that no delivery refers to. Parameters: before, limit. */
    private static final String PURGEABLE_CHANGES = "SELECT id FROM outbox WHERE created_at < ? AND " + NO_DELIVERY_LEFT + " LIMIT ?";

    private final JpaTransactions tx;
    private final Dialect dialect;

    public JpaDeliveryQueue(JpaTransactions tx, DatabaseKind kind) {
        this.tx = tx;
        this.dialect = switch (kind) {
            case H2 -> Dialect.H2;
            case POSTGRESQL -> Dialect.POSTGRESQL;
            case MARIADB -> Dialect.MARIADB;
        };
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
        return retrying(() -> {
            Optional<List<Delivery>> claimed = tx.inOwnTransaction(
                    em -> claimLocked(connection(em), connectorId, limit, nowMillis, until, owner));
            if (claimed.isPresent()) {
                return claimed.get();
            }
            createLock(connectorId);
            throw new ConcurrencyConflictException("the claim lock of connector " + connectorId + " was just created; claim again");
        });
    }

    /** A claim under the connector's lock row; empty when the connector has no lock row yet. */
    private Optional<List<Delivery>> claimLocked(Connection c, String connectorId, int limit, long now, long until, String owner) {
        try {
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
            List<Delivery> candidates = new ArrayList<>();
            Dialect sql = dialect;
            try (PreparedStatement select = c.prepareStatement(sql.claimable)) {
                int p = 1;
                select.setString(p++, connectorId);
                select.setLong(p++, now);
                if (sql.connectorTwice) {
                    select.setString(p++, connectorId);
                }
                select.setInt(p, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        candidates.add(delivery(rows));
                    }
                }
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
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
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
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ours.add(rows.getLong(1));
                    }
                }
            }
        }
        return ours;
    }

    /** Inserts the connector's lock row; a concurrent first claim inserting it too is no failure. */
    private void createLock(String connectorId) {
        try {
            tx.inOwnTransaction(em -> {
                try (PreparedStatement insert = connection(em).prepareStatement("INSERT INTO connector_lock (connector_id) VALUES (?)")) {
                    insert.setString(1, connectorId);
                    return insert.executeUpdate();
                } catch (SQLException e) {
                    throw new PersistenceException(e);
                }
            });
        } catch (ConcurrencyConflictException alreadyThere) {
            // another claimer created it meanwhile
        }
    }


    // ---------------------------------------------------------------- acknowledging and releasing

    /**
     * {@inheritDoc} One {@code UPDATE} per {@value #MAX_IN_LIST} ids (one for any usual message), in
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
        return retrying(() -> tx.inOwnTransaction(em -> {
            try {
                return updateEach(connection(em), "UPDATE outbox_delivery SET status = '" + DELIVERED + "', attempts = attempts + 1,"
                        + " delivered_at = ?, lease_owner = NULL, lease_until = NULL"
                        + " WHERE status = '" + INFLIGHT + "' AND lease_owner = ? AND id IN ", ids, statement -> {
                    statement.setLong(1, when);
                    statement.setString(2, owner);
                    return 3;
                });
            } catch (SQLException e) {
                throw new PersistenceException(e);
            }
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
        });
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** One conditional update of one delivery; whether it changed the row. */
    private boolean acknowledge(String update, Binder binder) {
        return retrying(() -> tx.inOwnTransaction(em -> {
            try (PreparedStatement statement = connection(em).prepareStatement(update)) {
                binder.bind(statement);
                return statement.executeUpdate() > 0;
            } catch (SQLException e) {
                throw new PersistenceException(e);
            }
        }));
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
        return retrying(() -> tx.inOwnTransaction(em -> {
            Connection c = connection(em);
            try {
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
            } catch (SQLException e) {
                throw new PersistenceException(e);
            }
        }));
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

    // ---------------------------------------------------------------- the dead-letter store and the figures

    @Override
    public List<Delivery> list(String connectorId, DeliveryStatus status, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return retrying(() -> tx.inOwnTransaction(em -> {
            Connection c = connection(em);
            try (PreparedStatement select = c.prepareStatement(dialect.list)) {
                select.setString(1, connectorId);
                select.setString(2, status.code());
                select.setInt(3, limit);
                List<Delivery> deliveries = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        deliveries.add(delivery(rows));
                    }
                }
                return deliveries;
            } catch (SQLException e) {
                throw new PersistenceException(e);
            }
        }));
    }

    /**
     * {@inheritDoc} In one transaction: read the chosen dead deliveries, each with whether a later
     * delivery of its connector and subject whose change has the same kind and purpose (both
     * without a purpose, for preference changes) is delivered — probed through the subject index and
     * the two {@code outbox} rows; then one {@code UPDATE} per {@value #MAX_IN_LIST} ids for each
     * group. Replayed ones keep their last error, their next attempt is at {@code now}; superseded
     * ones keep their attempts, are delivered at {@code now}, and their last error is
     * {@value #SUPERSEDED}. Ids of other connectors, or not dead, are passed over.
     */
    @Override
    public ReplayResult replay(String connectorId, List<Long> ids, Instant now) {
        Objects.requireNonNull(connectorId, "connectorId");
        long nowMillis = now.toEpochMilli();
        List<Long> chosen = List.copyOf(ids);
        return retrying(() -> tx.inOwnTransaction(em -> {
            Connection c = connection(em);
            try {
                List<Long> toReplay = new ArrayList<>();
                List<Long> overtaken = new ArrayList<>();
                // no ids: one select of all the connector's dead deliveries, without an id list
                for (List<Long> chunk : chosen.isEmpty() ? List.<List<Long>>of(List.of()) : chunks(chosen)) {
                    try (PreparedStatement select = c.prepareStatement(DEAD_AND_SUPERSEDED
                            + (chunk.isEmpty() ? "" : " AND d.id IN " + placeholders(chunk.size())))) {
                        select.setString(1, connectorId);
                        bindIds(select, 2, chunk);
                        try (ResultSet rows = select.executeQuery()) {
                            while (rows.next()) {
                                (rows.getInt(2) == 1 ? overtaken : toReplay).add(rows.getLong(1));
                            }
                        }
                    }
                }
                String ofThisConnector = " WHERE connector_id = ? AND status = '" + DEAD + "' AND id IN ";
                int replayed = updateEach(c, "UPDATE outbox_delivery SET status = '" + PENDING + "', attempts = 0, next_attempt_at = ?,"
                        + " lease_owner = NULL, lease_until = NULL" + ofThisConnector, toReplay, statement -> {
                    statement.setLong(1, nowMillis);
                    statement.setString(2, connectorId);
                    return 3;
                });
                int superseded = updateEach(c, "UPDATE outbox_delivery SET status = '" + DELIVERED + "', delivered_at = ?, last_error = ?,"
                        + " lease_owner = NULL, lease_until = NULL" + ofThisConnector, overtaken, statement -> {
                    statement.setLong(1, nowMillis);
                    statement.setString(2, SUPERSEDED);
                    statement.setString(3, connectorId);
                    return 4;
                });
                return new ReplayResult(replayed, superseded);
            } catch (SQLException e) {
                throw new PersistenceException(e);
            }
        }));
    }

    /**
     * {@inheritDoc} Two statements: the number of deliveries in each status (from the claiming
     * index), and the retrying ones and the oldest undelivered (from the pending and in-flight
     * rows only).
     */
    @Override
    public DeliveryCounts counts(String connectorId) {
        return retrying(() -> tx.inOwnTransaction(em -> {
            Connection c = connection(em);
            long pending = 0;
            long inflight = 0;
            long delivered = 0;
            long dead = 0;
            try {
                try (PreparedStatement select = c.prepareStatement(
                        "SELECT status, COUNT(*) FROM outbox_delivery WHERE connector_id = ? GROUP BY status")) {
                    select.setString(1, connectorId);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            long n = rows.getLong(2);
                            switch (DeliveryStatus.parse(rows.getString(1), "status")) {
                                case PENDING -> pending = n;
                                case INFLIGHT -> inflight = n;
                                case DELIVERED -> delivered = n;
                                case DEAD -> dead = n;
                            }
                        }
                    }
                }
                long failed = 0;
                Optional<Long> oldest = Optional.empty();
                if (pending + inflight > 0) {
                    try (PreparedStatement select = c.prepareStatement("SELECT SUM(CASE WHEN status = '" + PENDING + "' AND attempts > 0"
                            + " THEN 1 ELSE 0 END), MIN(created_at) FROM outbox_delivery"
                            + " WHERE connector_id = ? AND status IN ('" + PENDING + "', '" + INFLIGHT + "')")) {
                        select.setString(1, connectorId);
                        try (ResultSet row = select.executeQuery()) {
                            row.next();
                            failed = row.getLong(1);
                            long min = row.getLong(2);
                            oldest = row.wasNull() ? Optional.empty() : Optional.of(min);
                        }
                    }
                }
                return new DeliveryCounts(pending, inflight, delivered, failed, dead, oldest);
            } catch (SQLException e) {
                throw new PersistenceException(e);
            }
        }));
    }

    // ---------------------------------------------------------------- purging

    /**
     * {@inheritDoc} In transactions of at most {@value #PURGE_BATCH} rows each (a select of the
     * ids, then a {@code DELETE} per {@value #MAX_IN_LIST} of them), so that a large backlog — the
     * first purge of a busy database — never makes one huge transaction: first the delivered
     * deliveries (found through {@code ix_delivery_delivered}), then the changes written before
     * {@code before} (through {@code ix_outbox_created}) that no delivery refers to any more
     * ({@code ix_delivery_outbox}). Dead, pending and in-flight deliveries, and their changes, stay.
     * Several nodes purging at once is harmless: each deletes what is still there.
     */
    @Override
    public int purgeDelivered(Instant before) {
        long cutoff = before.toEpochMilli();
        int deleted = 0;
        Purged batch;
        do {
            batch = purgeBatch(PURGEABLE_DELIVERIES, "DELETE FROM outbox_delivery WHERE status = '" + DELIVERED + "' AND id IN ", cutoff);
            deleted += batch.deleted();
        } while (batch.more());
        do {
            batch = purgeBatch(PURGEABLE_CHANGES, "DELETE FROM outbox WHERE " + NO_DELIVERY_LEFT + " AND id IN ", cutoff);
        } while (batch.more());
        return deleted;
    }

    /** What one transaction of a purge found to delete, and deleted. */
    private record Purged(int found, int deleted) {

        /** A full batch, deleted: there may be more (none deleted: another node is purging the same rows, and goes on). */
        boolean more() {
            return found == PURGE_BATCH && deleted > 0;
        }
    }

    /** Up to {@value #PURGE_BATCH} ids that {@code select} finds before {@code cutoff}, deleted with {@code deleteBeforeIds}. */
    private Purged purgeBatch(String select, String deleteBeforeIds, long cutoff) {
        return retrying(() -> tx.inOwnTransaction(em -> {
            Connection c = connection(em);
            try {
                List<Long> ids = new ArrayList<>();
                try (PreparedStatement statement = c.prepareStatement(select)) {
                    statement.setLong(1, cutoff);
                    statement.setInt(2, PURGE_BATCH);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            ids.add(rows.getLong(1));
                        }
                    }
                }
                return new Purged(ids.size(), updateEach(c, deleteBeforeIds, ids, statement -> 1));
            } catch (SQLException e) {
                throw new PersistenceException(e);
            }
        }));
    }

    // ---------------------------------------------------------------- SQL helpers

    /** The connection of {@code em}'s transaction, which is begun on the database now. */
    private static Connection connection(EntityManager em) {
        em.unwrap(UnitOfWork.class).beginEarlyTransaction();
        return em.unwrap(Connection.class);
    }

    private static Delivery delivery(ResultSet row) throws SQLException {
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

    private interface Parameters {
        /** Binds the parameters before the id list and answers the index of the first id. */
        int bind(PreparedStatement statement) throws SQLException;
    }

    /** Runs {@code sqlBeforeIds} followed by {@code (?, …)} for each chunk of {@code ids}; answers the rows changed. */
    private static int updateEach(Connection c, String sqlBeforeIds, List<Long> ids, Parameters parameters) throws SQLException {
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
    private static List<List<Long>> chunks(List<Long> ids) {
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

    private static String placeholders(int n) {
        return "(" + "?, ".repeat(n - 1) + "?)";
    }

    private static void bindIds(PreparedStatement statement, int first, List<Long> ids) throws SQLException {
        for (int i = 0; i < ids.size(); i++) {
            statement.setLong(first + i, ids.get(i));
        }
    }

    /** Runs {@code call} again after a conflict, up to {@value #ATTEMPTS} times in all. */
    private static <T> T retrying(Supplier<T> call) {
        ConcurrencyConflictException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return call.get();
            } catch (ConcurrencyConflictException conflict) {
                last = conflict;
                Thread.onSpinWait();
            }
        }
        throw last;
    }
}
