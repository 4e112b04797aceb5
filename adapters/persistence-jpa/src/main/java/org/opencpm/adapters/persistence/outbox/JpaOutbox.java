package org.opencpm.adapters.persistence.outbox;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.adapters.persistence.audit.JpaAuditTrail;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.DeliveryStatus;
import org.opencpm.application.port.out.Outbox;
import org.opencpm.domain.subject.SubjectId;

/**
 * Changes for the connectors in {@code outbox}, written in the transaction of the change.
 *
 * <p>An entry's id is the sequence number of the audit event that records its change (every
 * change is audited first, in the same transaction): unique, and, because appenders take turns on
 * the audit head until they commit, increasing in commit order — a reader that remembers the
 * last id it saw never misses an entry that commits later with a smaller one. One change per
 * audit event; a second change naming the same event is refused by the primary key.
 *
 * <p>{@link #enqueue} also writes, in the same transaction, one pending delivery of the change per
 * connector in {@code outbox_delivery} ({@link JpaDeliveryQueue} hands them out): the consent
 * state, its audit event, the change and its deliveries commit together or not at all. A
 * delivery's id is {@code outbox id * }{@value #MAX_CONNECTORS}{@code  + the connector's
 * position} in the (de-duplicated) list: unique across nodes without a sequence, and increasing in
 * the order deliveries were written.
 *
 * <p>A change no connector subscribes to writes no row (ADR 0025): an {@code outbox} row is the
 * payload of its deliveries and nothing else reads it, so one without deliveries was dead weight
 * from the start (the purge deleted it after the retention period, {@link JpaDeliveryRetention}).
 * It cost a bulk import of new people ~300 bytes an event and a B-tree insert at a random place
 * ({@code ix_outbox_subject}) in every batch. A connector added later receives nothing of the past
 * either way (deliveries are written with the change only); its reconciliation (ADR 0009) brings its
 * platform up to date.
 */
public final class JpaOutbox implements Outbox {

    private final JpaTransactions tx;
    private final JpaAuditTrail audit;
    private final Clock clock;

    public JpaOutbox(JpaTransactions tx, JpaAuditTrail audit, Clock clock) {
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    /** A change as it waits in the outbox. */
    public record Entry(long id, ConsentChange change, Instant createdAt) {
    }

    /** The most connectors one change is delivered to: the factor of the outbox id in a delivery id. */
    public static final int MAX_CONNECTORS = 1024;
    /** The longest connector id ({@code outbox_delivery.connector_id}). */
    public static final int MAX_CONNECTOR_ID_LENGTH = 100;

    /**
     * Keeps {@code change} and one pending delivery of it for each connector in {@code connectors}
     * (a connector named twice gets one), in the current transaction; with no connector, nothing
     * (but the check that its audit event is stored).
     *
     * @throws IllegalArgumentException when the change's audit event is not stored, or a connector
     *                                  id is blank or longer than {@value #MAX_CONNECTOR_ID_LENGTH},
     *                                  or there are more than {@value #MAX_CONNECTORS} connectors
     */
    @Override
    public void enqueue(ConsentChange change, List<String> connectors) {
        List<String> targets = targets(connectors);
        tx.write(em -> {
            long id = idOf(change);
            if (targets.isEmpty()) {
                return null; // nobody to carry it to: no row (ADR 0025)
            }
            long now = clock.millis();
            em.persist(OutboxMapper.toEntity(id, change, Instant.ofEpochMilli(now)));
            for (int position = 0; position < targets.size(); position++) {
                em.persist(DeliveryJpaEntity.pending(id * MAX_CONNECTORS + position, targets.get(position), id,
                        change.subject().value(), change.version(), now));
            }
            return null;
        });
    }

    /**
     * As {@link #enqueue} for each, in two JDBC batches on the transaction's connection (the
     * changes, then their deliveries).
     */
    @Override
    public void enqueueAll(List<Enqueued> changes) {
        if (changes.isEmpty()) {
            return;
        }
        List<List<String>> targets = new ArrayList<>(changes.size());
        List<Long> ids = new ArrayList<>(changes.size());
        for (Enqueued entry : changes) {
            targets.add(targets(entry.connectors()));
            ids.add(idOf(entry.change()));
        }
        long now = clock.millis();
        tx.jdbcInTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO outbox (id, subject_id, kind, purpose, state, preferences,"
                    + " version, occurred_at, erasure_due, audit_event_id, created_at, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement deliver = connection.prepareStatement("INSERT INTO outbox_delivery (id, connector_id, outbox_id, subject_id,"
                         + " version, status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int deliveries = 0;
                int rows = 0;
                for (int i = 0; i < changes.size(); i++) {
                    List<String> to = targets.get(i);
                    if (to.isEmpty()) {
                        continue; // nobody to carry it to: no row (ADR 0025)
                    }
                    OutboxJpaEntity row = OutboxMapper.toEntity(ids.get(i), changes.get(i).change(), Instant.ofEpochMilli(now));
                    insert.setLong(1, row.id);
                    insert.setString(2, row.subjectId);
                    insert.setString(3, row.kind);
                    insert.setString(4, row.purpose);
                    insert.setString(5, row.state);
                    insert.setString(6, row.preferences);
                    insert.setLong(7, row.version);
                    insert.setLong(8, row.occurredAt);
                    insert.setBoolean(9, row.erasureDue);
                    insert.setString(10, row.auditEventId);
                    insert.setLong(11, row.createdAt);
                    insert.setString(12, row.origin);
                    insert.addBatch();
                    rows++;
                    for (int position = 0; position < to.size(); position++) {
                        DeliveryJpaEntity pending = DeliveryJpaEntity.pending(row.id * MAX_CONNECTORS + position, to.get(position), row.id,
                                row.subjectId, row.version, now);
                        deliver.setLong(1, pending.id);
                        deliver.setString(2, pending.connectorId);
                        deliver.setLong(3, pending.outboxId);
                        deliver.setString(4, pending.subjectId);
                        deliver.setLong(5, pending.version);
                        deliver.setString(6, pending.status);
                        deliver.setInt(7, pending.attempts);
                        deliver.setLong(8, pending.nextAttemptAt);
                        deliver.setLong(9, pending.createdAt);
                        deliver.addBatch();
                        deliveries++;
                    }
                }
                if (rows > 0) {
                    JpaTransactions.executeEachOnOneRow(insert, "an outbox entry");
                }
                if (deliveries > 0) {
                    JpaTransactions.executeEachOnOneRow(deliver, "a delivery");
                }
            }
            return null;
        });
    }

    /** The change's id: its audit event's sequence number. */
    private long idOf(ConsentChange change) {
        return audit.seqOf(change.auditEventId()).orElseThrow(() -> new IllegalArgumentException(
                "the audit event " + change.auditEventId() + " of an outbox change is not stored: audit the change first"));
    }

    /** The connectors, each once, checked. */
    private static List<String> targets(List<String> connectors) {
        List<String> targets = List.copyOf(new LinkedHashSet<>(connectors));
        if (targets.size() > MAX_CONNECTORS) {
            throw new IllegalArgumentException("a change can be delivered to at most " + MAX_CONNECTORS + " connectors, not "
                    + targets.size());
        }
        for (String connector : targets) {
            if (connector.isBlank() || connector.length() > MAX_CONNECTOR_ID_LENGTH) {
                throw new IllegalArgumentException("a connector id must be 1 to " + MAX_CONNECTOR_ID_LENGTH + " characters: '"
                        + connector + "'");
            }
        }
        return targets;
    }

    @Override
    public long undeliveredOf(SubjectId subject) {
        // through the person's changes (ix_outbox_subject) to their deliveries (ix_delivery_outbox): no
        // index of its own, which every grant would pay for; a delivery's change outlives it (the purge)
        return tx.read(em -> ((Number) em.createNativeQuery("SELECT COUNT(*) FROM outbox o JOIN outbox_delivery d ON d.outbox_id = o.id"
                        + " WHERE o.subject_id = ?1 AND d.status <> ?2")
                .setParameter(1, subject.value())
                .setParameter(2, DeliveryStatus.DELIVERED.code())
                .getSingleResult()).longValue());
    }

    /** Up to {@code limit} entries with ids above {@code afterId}, in id order. */
    public List<Entry> after(long afterId, int limit) {
        return tx.read(em -> em.createQuery("SELECT o FROM OutboxJpaEntity o WHERE o.id > :after ORDER BY o.id", OutboxJpaEntity.class)
                .setParameter("after", afterId)
                .setMaxResults(limit)
                .getResultList().stream().map(OutboxMapper::toEntry).toList());
    }
}
