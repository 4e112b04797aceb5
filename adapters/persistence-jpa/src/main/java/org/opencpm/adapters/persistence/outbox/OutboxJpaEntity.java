package org.opencpm.adapters.persistence.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A row of {@code outbox}: one change for the connectors, keyed by the sequence number of the
 * audit event that records it, with every field of the change and when it was enqueued.
 */
@Entity
@Table(name = "outbox")
class OutboxJpaEntity {

    @Id
    @Column(name = "id")
    long id;

    @Column(name = "subject_id", nullable = false)
    String subjectId;

    @Column(name = "kind", nullable = false)
    String kind;

    @Column(name = "purpose")
    String purpose;

    @Column(name = "state")
    String state;

    /** The subject's preferences at the change, as JSON. */
    @Column(name = "preferences", nullable = false)
    String preferences;

    @Column(name = "version", nullable = false)
    long version;

    @Column(name = "occurred_at", nullable = false)
    long occurredAt;

    @Column(name = "erasure_due", nullable = false)
    boolean erasureDue;

    @Column(name = "audit_event_id", nullable = false)
    String auditEventId;

    @Column(name = "created_at", nullable = false)
    long createdAt;

    /** The connector the change came in from; null for none. */
    @Column(name = "origin")
    String origin;

    protected OutboxJpaEntity() {
    }
}
