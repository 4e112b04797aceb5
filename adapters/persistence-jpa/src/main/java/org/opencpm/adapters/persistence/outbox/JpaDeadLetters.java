package org.opencpm.adapters.persistence.outbox;

import static org.opencpm.adapters.persistence.outbox.DeliveryJdbc.DEAD;
import static org.opencpm.adapters.persistence.outbox.DeliveryJdbc.DELIVERED;
import static org.opencpm.adapters.persistence.outbox.DeliveryJdbc.INFLIGHT;
import static org.opencpm.adapters.persistence.outbox.DeliveryJdbc.PENDING;
import static org.opencpm.adapters.persistence.outbox.DeliveryJdbc.bindIds;
import static org.opencpm.adapters.persistence.outbox.DeliveryJdbc.chunks;
import static org.opencpm.adapters.persistence.outbox.DeliveryJdbc.placeholders;
import static org.opencpm.adapters.persistence.outbox.DeliveryJdbc.updateEach;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.opencpm.adapters.persistence.DatabaseKind;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.application.port.out.DeadLetters;
import org.opencpm.application.port.out.Delivery;
import org.opencpm.application.port.out.DeliveryCounts;
import org.opencpm.application.port.out.DeliveryStatus;
import org.opencpm.domain.subject.SubjectId;

/**
 * The operators' side of {@code outbox_delivery}: a connector's deliveries in one status, its
 * figures, and dead letters replayed — those a later change of the same subject and purpose,
 * delivered or on its way, has overtaken are marked delivered as {@value DeadLetters#SUPERSEDED}
 * instead. Each call in a short transaction of its own ({@link DeliveryJdbc}).
 */
public final class JpaDeadLetters implements DeadLetters {

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
     * A subject's deliveries after an id, oldest first: found through the subject's {@code outbox}
     * rows ({@code ix_outbox_subject}) and their deliveries ({@code ix_delivery_outbox}), so no
     * connector is needed. Parameters: subject, after id, limit.
     */
    private static final String OF_SUBJECT = DeliveryJdbc.SELECT_DELIVERIES
            + " WHERE o.subject_id = ? AND d.id > ? ORDER BY d.id LIMIT ?";

    private final DeliveryJdbc jdbc;
    private final DeliveryDialect dialect;

    public JpaDeadLetters(JpaTransactions tx, DatabaseKind kind) {
        this.jdbc = new DeliveryJdbc(tx);
        this.dialect = DeliveryDialect.of(kind);
    }

    @Override
    public List<Delivery> list(String connectorId, DeliveryStatus status, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return jdbc.inOwnTransaction(c -> {
            try (PreparedStatement select = c.prepareStatement(dialect.list)) {
                select.setString(1, connectorId);
                select.setString(2, status.code());
                select.setInt(3, limit);
                return DeliveryJdbc.deliveries(select);
            }
        });
    }

    @Override
    public List<Delivery> ofSubject(SubjectId subject, long afterId, int limit) {
        Objects.requireNonNull(subject, "subject");
        if (limit <= 0) {
            return List.of();
        }
        return jdbc.inOwnTransaction(c -> {
            try (PreparedStatement select = c.prepareStatement(OF_SUBJECT)) {
                select.setString(1, subject.value());
                select.setLong(2, afterId);
                select.setInt(3, limit);
                return DeliveryJdbc.deliveries(select);
            }
        });
    }

    /**
     * {@inheritDoc} In one transaction: read the chosen dead deliveries, each with whether a later
     * delivery of its connector and subject whose change has the same kind and purpose (both
     * without a purpose, for preference changes) is delivered or on its way — probed through the
     * subject index and the two {@code outbox} rows; then one {@code UPDATE} per {@value
     * DeliveryJdbc#MAX_IN_LIST} ids for each group. Replayed ones keep their last error; superseded
     * ones keep their attempts.
     */
    @Override
    public ReplayResult replay(String connectorId, List<Long> ids, Instant now) {
        Objects.requireNonNull(connectorId, "connectorId");
        long nowMillis = now.toEpochMilli();
        List<Long> chosen = List.copyOf(ids);
        return jdbc.inOwnTransaction(c -> {
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
        });
    }

    /**
     * {@inheritDoc} Two statements: the number of deliveries in each status (from the claiming
     * index), and the retrying ones and the oldest undelivered (from the pending and in-flight
     * rows only).
     */
    @Override
    public DeliveryCounts counts(String connectorId) {
        return jdbc.inOwnTransaction(c -> {
            long pending = 0;
            long inflight = 0;
            long delivered = 0;
            long dead = 0;
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
        });
    }
}
