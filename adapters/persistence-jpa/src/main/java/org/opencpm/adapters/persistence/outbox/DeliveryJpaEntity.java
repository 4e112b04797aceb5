package org.opencpm.adapters.persistence.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.opencpm.application.port.out.DeliveryStatus;

/**
 * A row of {@code outbox_delivery} as {@link JpaOutbox#enqueue} writes it: one change for one
 * connector, pending. Only ever inserted through JPA; {@link JpaDeliveryQueue} reads and moves it
 * with SQL of its own.
 */
@Entity
@Table(name = "outbox_delivery")
class DeliveryJpaEntity {

    @Id
    @Column(name = "id")
    long id;

    @Column(name = "connector_id", nullable = false)
    String connectorId;

    @Column(name = "outbox_id", nullable = false)
    long outboxId;

    @Column(name = "subject_id", nullable = false)
    String subjectId;

    @Column(name = "version", nullable = false)
    long version;

    @Column(name = "status", nullable = false)
    String status;

    @Column(name = "attempts", nullable = false)
    int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    long nextAttemptAt;

    @Column(name = "lease_owner")
    String leaseOwner;

    @Column(name = "lease_until")
    Long leaseUntil;

    @Column(name = "last_error")
    String lastError;

    @Column(name = "created_at", nullable = false)
    long createdAt;

    @Column(name = "delivered_at")
    Long deliveredAt;

    protected DeliveryJpaEntity() {
    }

    /** A new delivery of the change kept under {@code outboxId} to {@code connectorId}, due at once. */
    static DeliveryJpaEntity pending(long id, String connectorId, long outboxId, String subjectId, long version, long createdAt) {
        DeliveryJpaEntity row = new DeliveryJpaEntity();
        row.id = id;
        row.connectorId = connectorId;
        row.outboxId = outboxId;
        row.subjectId = subjectId;
        row.version = version;
        row.status = DeliveryStatus.PENDING.code();
        row.attempts = 0;
        row.nextAttemptAt = 0;
        row.createdAt = createdAt;
        return row;
    }
}
