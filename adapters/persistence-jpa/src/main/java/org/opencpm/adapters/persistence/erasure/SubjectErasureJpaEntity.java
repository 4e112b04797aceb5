package org.opencpm.adapters.persistence.erasure;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code subject_erasure}: instants in epoch milliseconds; the reason as its code. */
@Entity
@Table(name = "subject_erasure")
class SubjectErasureJpaEntity {

    @Id
    @Column(name = "subject_id")
    String subjectId;

    @Column(name = "reason", nullable = false)
    String reason;

    @Column(name = "request_id")
    String requestId;

    @Column(name = "started_at", nullable = false)
    long startedAt;

    @Column(name = "wait_until", nullable = false)
    long waitUntil;

    @Column(name = "erased_at")
    Long erasedAt;

    protected SubjectErasureJpaEntity() {
    }
}
