package org.opencpm.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.opencpm.adapters.persistence.outbox.JpaDeliveryQueue;
import org.opencpm.adapters.persistence.outbox.JpaDeliveryRetention;
import org.opencpm.adapters.persistence.outbox.JpaOutbox;
import org.opencpm.adapters.persistence.preference.PreferencesJson;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.DeadLetters;
import org.opencpm.application.port.out.DeadLetters.ReplayResult;
import org.opencpm.application.port.out.Delivery;
import org.opencpm.application.port.out.DeliveryCounts;
import org.opencpm.application.port.out.DeliveryQueue;
import org.opencpm.application.port.out.DeliveryRetention;
import org.opencpm.application.port.out.DeliveryStatus;
import org.opencpm.application.port.out.Outbox;
import org.opencpm.application.port.out.Transactions;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.contract.DeliveryQueueContract;

/**
 * The delivery queue on a database: the ports' contract ({@link DeliveryQueueContract}, which
 * the in-memory queue passes too), run as {@link OnThePorts}, and what is the database's own — delivery
 * ids keyed by the change's audit sequence, the injected clock, column limits, and the purge of
 * the {@code outbox} rows and of a backlog larger than one batch, checked behind the stores' back.
 * Runs on each database through a subclass.
 */
public abstract class JpaDeliveryQueueContract extends OnDatabase {

    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final PurposeCode MARKETING_SMS = PurposeCode.of("marketing-sms");
    /** Outbox ids of rows written behind the stores' back: far above any audit sequence number here. */
    private static final AtomicLong SYNTHETIC_OUTBOX_IDS = new AtomicLong(1_000_000_000_000L);

    /** The second node of the concurrency test: another {@link JpaPersistence} on the same database. */
    private JpaPersistence secondNode;

    /** The ports' contract, on this database. */
    @Nested
    class OnThePorts extends DeliveryQueueContract {

        @Override
        protected DeliveryQueue queue() {
            return persistence.deliveryQueue();
        }

        @Override
        protected DeadLetters deadLetters() {
            return persistence.deadLetters();
        }

        @Override
        protected DeliveryRetention retention() {
            return persistence.deliveryRetention();
        }

        @Override
        protected Transactions transactions() {
            return persistence.transactions();
        }

        @Override
        protected Outbox outbox() {
            return persistence.outbox();
        }

        @Override
        protected DeliveryQueue secondNode() {
            synchronized (JpaDeliveryQueueContract.this) {
                if (secondNode == null) {
                    secondNode = JpaPersistence.start(database.settings());
                }
                return secondNode.deliveryQueue();
            }
        }

        @Override
        protected String auditEventId(SubjectId subject) {
            return persistence.audit().append(StoresContract.draft(subject)).eventId();
        }
    }

    @AfterAll
    void stopSecondNode() {
        if (secondNode != null) {
            secondNode.close();
        }
    }

    private JpaDeliveryQueue queue() {
        return persistence.deliveryQueue();
    }

    private DeadLetters deadLetters() {
        return persistence.deadLetters();
    }

    private DeliveryRetention retention() {
        return persistence.deliveryRetention();
    }

    // ---------------------------------------------------------------- enqueue

    @Test
    void a_change_and_its_deliveries_are_stamped_with_the_injected_clock() {
        String crm = connector();
        Instant at = T0.plusMillis(123);
        try (JpaPersistence pinned = JpaPersistence.start(database.settings(), Clock.fixed(at, ZoneOffset.UTC))) {
            SubjectId subject = SubjectId.newId();
            pinned.transactions().inTransaction(() -> {
                AuditEvent event = pinned.audit().append(StoresContract.draft(subject));
                pinned.outbox().enqueue(new ConsentChange(subject, ConsentChange.Kind.CONSENT, Optional.of(MARKETING_SMS),
                        Optional.of(ConsentState.GRANTED), Preferences.none(), 1, T0, false, event.eventId()), List.of(crm));
                return null;
            });
        }

        assertThat(single(deadLetters().list(crm, DeliveryStatus.PENDING, 10)).createdAt()).isEqualTo(at);
    }

    @Test
    void enqueue_keys_deliveries_by_the_changes_audit_sequence_and_writes_nothing_that_rolled_back() {
        String crm = connector();
        String sms = connector();
        SubjectId subject = SubjectId.newId();
        ConsentChange change = persistence.transactions().inTransaction(() -> enqueue(subject, 1, List.of(crm, sms, crm)));

        Delivery toCrm = single(deadLetters().list(crm, DeliveryStatus.PENDING, 10));
        Delivery toSms = single(deadLetters().list(sms, DeliveryStatus.PENDING, 10));
        assertThat(toCrm.change()).isEqualTo(change);
        assertThat(toSms.change()).isEqualTo(change);
        assertThat(toCrm).extracting(Delivery::connectorId, Delivery::status, Delivery::attempts, Delivery::lastError,
                Delivery::deliveredAt).containsExactly(crm, DeliveryStatus.PENDING, 0, Optional.empty(), Optional.empty());
        assertThat(toCrm.nextAttemptAt()).isBefore(T0);
        long seq = persistence.audit().find(change.auditEventId()).orElseThrow().seq();
        assertThat(toCrm.id()).isEqualTo(seq * JpaOutbox.MAX_CONNECTORS);
        assertThat(toSms.id()).isEqualTo(toCrm.id() + 1);

        SubjectId rolledBack = SubjectId.newId();
        assertThatThrownBy(() -> persistence.transactions().inTransaction(() -> {
            enqueue(rolledBack, 1, List.of(crm));
            assertThat(count("SELECT COUNT(*) FROM outbox_delivery WHERE subject_id = ?", rolledBack.value())).isZero(); // not committed
            throw new IllegalStateException("the consent write failed after the outbox");
        })).hasMessageContaining("failed after the outbox");
        assertThat(count("SELECT COUNT(*) FROM outbox_delivery WHERE subject_id = ?", rolledBack.value())).isZero();
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE subject_id = ?", rolledBack.value())).isZero();
        assertThat(deadLetters().list(crm, DeliveryStatus.PENDING, 10)).containsExactly(toCrm);

        SubjectId nobodyWants = SubjectId.newId();
        persistence.transactions().inTransaction(() -> enqueue(nobodyWants, 1, List.of()));
        // a change nobody subscribes to leaves no row: nothing would ever read it (ADR 0025)
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE subject_id = ?", nobodyWants.value())).isZero();
        assertThat(count("SELECT COUNT(*) FROM outbox_delivery WHERE subject_id = ?", nobodyWants.value())).isZero();

        // the same through a batch's JDBC path (consents:batch): only the change with a connector has a row
        SubjectId nobodyInBatch = SubjectId.newId();
        SubjectId wantedInBatch = SubjectId.newId();
        persistence.transactions().inTransaction(() -> {
            persistence.outbox().enqueueAll(List.of(new Outbox.Enqueued(audited(nobodyInBatch, 1), List.of()),
                    new Outbox.Enqueued(audited(wantedInBatch, 1), List.of(crm))));
            return null;
        });
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE subject_id = ?", nobodyInBatch.value())).isZero();
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE subject_id = ?", wantedInBatch.value())).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM outbox_delivery WHERE subject_id = ?", wantedInBatch.value())).isEqualTo(1);
    }

    @Test
    void a_connector_id_must_fit_its_column() {
        SubjectId subject = SubjectId.newId();
        assertThatThrownBy(() -> persistence.transactions().inTransaction(() -> enqueue(subject, 1, List.of(" "))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> persistence.transactions().inTransaction(() -> enqueue(subject, 1, List.of("c".repeat(101)))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE subject_id = ?", subject.value())).isZero();
    }

    // ---------------------------------------------------------------- column limits

    @Test
    void errors_are_cut_to_their_column_never_inside_a_surrogate_pair() {
        String crm = connector();
        persistence.transactions().inTransaction(() -> enqueue(SubjectId.newId(), 1, List.of(crm)));
        Instant now = T0;
        long id = single(queue().claim(crm, 10, now, LEASE, "node-a")).id();

        String longError = "x".repeat(JpaDeliveryQueue.MAX_ERROR_LENGTH - 1) + "😀 and more after the limit";
        assertThat(queue().retryLater(id, "node-a", now, longError)).isTrue();
        assertThat(single(deadLetters().list(crm, DeliveryStatus.PENDING, 10)).lastError()).get().asString()
                .hasSize(JpaDeliveryQueue.MAX_ERROR_LENGTH - 1).isEqualTo(longError.substring(0, JpaDeliveryQueue.MAX_ERROR_LENGTH - 1));
        assertThat(single(queue().claim(crm, 10, now, LEASE, "node-a")).id()).isEqualTo(id);
        String unicode = "平台返回错误 😀 \"quoted\" \\ ".repeat(60);
        assertThat(queue().dead(id, "node-a", now, unicode)).isTrue();
        assertThat(single(deadLetters().list(crm, DeliveryStatus.DEAD, 10)).lastError()).get().asString()
                .isEqualTo(unicode.substring(0, JpaDeliveryQueue.MAX_ERROR_LENGTH)).hasSize(JpaDeliveryQueue.MAX_ERROR_LENGTH);
    }

    @Test
    void a_lease_owner_must_fit_its_column_and_a_lease_cannot_be_negative() {
        String crm = connector();
        assertThatThrownBy(() -> queue().claim(crm, 10, T0, LEASE, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queue().claim(crm, 10, T0, LEASE, "n".repeat(JpaDeliveryQueue.MAX_OWNER_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queue().claim(crm, 10, T0, Duration.ofSeconds(-1), "node-a")).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- purging receipts and changes

    @Test
    void purge_deletes_deliveries_delivered_before_the_cutoff_and_changes_left_without_deliveries_and_keeps_the_rest()
            throws SQLException {
        // instants long before any other test's rows (the purge is not per connector), and after the backlog test's
        Instant written = Instant.parse("2001-01-01T00:00:00Z");
        Instant cutoff = Instant.parse("2001-06-01T00:00:00Z");
        Instant longAgo = cutoff.minus(Duration.ofDays(100));
        Instant recently = cutoff.plus(Duration.ofDays(30));
        String crm = connector();
        String other = connector();
        long deliveredLongAgo = insertChange(written, crm);
        long deliveredRecently = insertChange(written, crm);
        long dead = insertChange(written, crm);
        long inFlight = insertChange(written, crm);
        long deliveredToOneOfTwo = insertChange(written, crm, other);
        assertThat(queue().claim(crm, 10, written, LEASE, "node-a")).hasSize(5);
        queue().delivered(List.of(deliveryOf(deliveredLongAgo), deliveryOf(deliveredToOneOfTwo)), "node-a", longAgo);
        queue().delivered(List.of(deliveryOf(deliveredRecently)), "node-a", recently);
        queue().dead(deliveryOf(dead), "node-a", longAgo, "HTTP 400");
        long pending = insertChange(written, crm);
        long noConnector = insertChange(written);
        long noConnectorRecently = insertChange(recently);
        List<Long> changes = List.of(deliveredLongAgo, deliveredRecently, dead, inFlight, deliveredToOneOfTwo, pending, noConnector,
                noConnectorRecently);

        assertThat(retention().purgeDelivered(cutoff)).isEqualTo(2);

        assertThat(changes).as("(change kept, deliveries kept) of each").extracting(
                id -> count("SELECT COUNT(*) FROM outbox WHERE id = ?", id),
                id -> count("SELECT COUNT(*) FROM outbox_delivery WHERE outbox_id = ?", id)).containsExactly(
                tuple(0L, 0L), tuple(1L, 1L), tuple(1L, 1L), tuple(1L, 1L), tuple(1L, 1L), tuple(1L, 1L), tuple(0L, 0L), tuple(1L, 0L));
        assertThat(deadLetters().list(other, DeliveryStatus.PENDING, 10)).singleElement()
                .satisfies(d -> assertThat(d.id()).isEqualTo(deliveryOf(deliveredToOneOfTwo) + 1));
        assertThat(deadLetters().counts(crm)).extracting(DeliveryCounts::pending, DeliveryCounts::inflight, DeliveryCounts::delivered,
                DeliveryCounts::dead).containsExactly(1L, 1L, 1L, 1L);
        assertThat(retention().purgeDelivered(cutoff)).isZero();
    }

    @Test
    void purge_keeps_a_delivered_change_that_an_earlier_dead_one_of_its_subject_is_superseded_by() throws SQLException {
        // instants of their own, between the other purge tests'
        Instant written = Instant.parse("1998-01-01T00:00:00Z");
        String crm = connector();
        SubjectId subject = SubjectId.newId();
        List<Long> changes = insertDirectly(List.of(subject), 2, List.of(crm), written, DeliveryStatus.PENDING, Optional.empty());
        Delivery first = single(queue().claim(crm, 10, written, LEASE, "node-p"));
        queue().dead(first.id(), "node-p", written, "HTTP 400");
        Delivery second = single(queue().claim(crm, 10, written, LEASE, "node-p"));
        queue().delivered(List.of(second.id()), "node-p", written);

        assertThat(retention().purgeDelivered(written.plus(Duration.ofDays(1)))).isZero();
        assertThat(deadLetters().replay(crm, List.of(first.id()), written.plusSeconds(60))).isEqualTo(new ReplayResult(0, 1));
        assertThat(retention().purgeDelivered(written.plus(Duration.ofDays(1)))).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE id BETWEEN ? AND ?", changes.get(0), changes.get(1))).isZero();
    }

    @Test
    void purge_works_through_a_backlog_larger_than_one_batch() throws SQLException {
        // before the other purge test's instants: neither test's cutoff reaches the other's rows (while this one passes)
        Instant written = Instant.parse("1995-01-01T00:00:00Z");
        int backlog = JpaDeliveryRetention.PURGE_BATCH + 500;
        String crm = connector();
        List<Long> changes = insertDirectly(subjects(backlog), 1, List.of(crm), written, DeliveryStatus.DELIVERED,
                Optional.of(written.plusSeconds(60)));

        assertThat(retention().purgeDelivered(written.plus(Duration.ofDays(1)))).isEqualTo(backlog);

        assertThat(count("SELECT COUNT(*) FROM outbox_delivery WHERE connector_id = ?", crm)).isZero();
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE id BETWEEN ? AND ?", changes.get(0), changes.get(backlog - 1))).isZero();
    }

    // ---------------------------------------------------------------- helpers

    private static String connector() {
        return "c-" + unique();
    }

    private static Delivery single(List<Delivery> deliveries) {
        assertThat(deliveries).hasSize(1);
        return deliveries.get(0);
    }

    /** Audits a consent change of {@code subject} to {@code version} and enqueues it for {@code connectors} (inside a transaction). */
    private ConsentChange enqueue(SubjectId subject, long version, List<String> connectors) {
        ConsentChange change = audited(subject, version);
        persistence.outbox().enqueue(change, List.copyOf(connectors));
        return change;
    }

    /** Audits a consent change of {@code subject} to {@code version} (inside a transaction): the change, not enqueued. */
    private ConsentChange audited(SubjectId subject, long version) {
        AuditEvent event = persistence.audit().append(StoresContract.draft(subject));
        return new ConsentChange(subject, ConsentChange.Kind.CONSENT, Optional.of(MARKETING_SMS),
                Optional.of(version % 2 == 0 ? ConsentState.WITHDRAWN : ConsentState.GRANTED), Preferences.none(), version,
                T0.plusMillis(version), version % 2 == 0, event.eventId());
    }

    /** A change written at {@code createdAt}, with a pending delivery to each of {@code connectors}, behind the stores' back: its id. */
    private long insertChange(Instant createdAt, String... connectors) throws SQLException {
        return insertDirectly(List.of(SubjectId.newId()), 1, List.of(connectors), createdAt, DeliveryStatus.PENDING, Optional.empty())
                .get(0);
    }

    /** The id of the delivery of change {@code outboxId} to its first connector. */
    private static long deliveryOf(long outboxId) {
        return outboxId * JpaOutbox.MAX_CONNECTORS;
    }

    /**
     * Versions 1 to {@code versions} of each subject's consent to marketing-sms, written at
     * {@code createdAt}, each with a delivery in {@code status} to each of {@code connectors}: outbox
     * rows and their deliveries written with plain JDBC batches (no audit events), a large queue,
     * fast. Answers the outbox ids, in the order written.
     */
    private List<Long> insertDirectly(List<SubjectId> subjects, int versions, List<String> connectors, Instant createdAt,
                                      DeliveryStatus status, Optional<Instant> deliveredAt) throws SQLException {
        List<Long> outboxIds = new ArrayList<>();
        try (Connection c = persistence.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement outbox = c.prepareStatement("INSERT INTO outbox (id, subject_id, kind, purpose, state, preferences,"
                    + " version, occurred_at, erasure_due, audit_event_id, created_at) VALUES (?, ?, 'consent', 'marketing-sms', 'granted',"
                    + " ?, ?, ?, FALSE, ?, ?)");
                 PreparedStatement delivery = c.prepareStatement("INSERT INTO outbox_delivery (id, connector_id, outbox_id, subject_id,"
                         + " version, status, attempts, next_attempt_at, created_at, delivered_at)"
                         + " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)")) {
                long written = createdAt.toEpochMilli();
                int n = 0;
                for (int v = 1; v <= versions; v++) {
                    for (SubjectId subject : subjects) {
                        long outboxId = SYNTHETIC_OUTBOX_IDS.incrementAndGet();
                        outboxIds.add(outboxId);
                        outbox.setLong(1, outboxId);
                        outbox.setString(2, subject.value());
                        outbox.setString(3, PreferencesJson.write(Preferences.none()));
                        outbox.setLong(4, v);
                        outbox.setLong(5, written);
                        outbox.setString(6, "synthetic-" + outboxId);
                        outbox.setLong(7, written);
                        outbox.addBatch();
                        for (int position = 0; position < connectors.size(); position++) {
                            delivery.setLong(1, outboxId * JpaOutbox.MAX_CONNECTORS + position);
                            delivery.setString(2, connectors.get(position));
                            delivery.setLong(3, outboxId);
                            delivery.setString(4, subject.value());
                            delivery.setLong(5, v);
                            delivery.setString(6, status.code());
                            delivery.setInt(7, status == DeliveryStatus.PENDING ? 0 : 1);
                            delivery.setLong(8, written);
                            if (deliveredAt.isPresent()) {
                                delivery.setLong(9, deliveredAt.get().toEpochMilli());
                            } else {
                                delivery.setNull(9, Types.BIGINT);
                            }
                            delivery.addBatch();
                        }
                        if (++n % 1000 == 0) {
                            outbox.executeBatch();
                            delivery.executeBatch();
                        }
                    }
                }
                outbox.executeBatch();
                delivery.executeBatch();
            }
            c.commit();
        }
        return outboxIds;
    }
    private static List<SubjectId> subjects(int n) {
        return java.util.stream.Stream.generate(SubjectId::newId).limit(n).toList();
    }
}
