package org.opencpm.adapters.persistence.consent;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code idempotency}: the outcome of a consent event under its client's key, receipts as JSON. */
@Entity
@Table(name = "idempotency")
class IdempotencyJpaEntity {

    @Id
    @Column(name = "idempotency_key")
    String key;

    @Column(name = "fingerprint", nullable = false)
    String fingerprint;

    @Column(name = "receipts", nullable = false)
    String receipts;

    @Column(name = "created_at", nullable = false)
    long createdAt;

    protected IdempotencyJpaEntity() {
    }

    IdempotencyJpaEntity(String key, String fingerprint, String receipts, long createdAt) {
        this.key = key;
        this.fingerprint = fingerprint;
        this.receipts = receipts;
        this.createdAt = createdAt;
    }
}
