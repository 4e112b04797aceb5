package org.opencpm.adapters.persistence.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A row of {@code audit_event}: one sealed link of the chain, keyed by its sequence number.
 * Fields that do not apply stay null; details are a JSON object of strings in key order.
 */
@Entity
@Table(name = "audit_event")
class AuditEventJpaEntity {

    @Id
    @Column(name = "seq")
    long seq;

    @Column(name = "event_id", nullable = false)
    String eventId;

    @Column(name = "type", nullable = false)
    String type;

    @Column(name = "subject_id")
    String subjectId;

    @Column(name = "purpose")
    String purpose;

    @Column(name = "state")
    String state;

    @Column(name = "occurred_at", nullable = false)
    long occurredAt;

    @Column(name = "recorded_at", nullable = false)
    long recordedAt;

    @Column(name = "actor", nullable = false)
    String actor;

    @Column(name = "channel")
    String channel;

    @Column(name = "notice_code")
    String noticeCode;

    @Column(name = "notice_version")
    String noticeVersion;

    @Column(name = "details", nullable = false)
    String details;

    @Column(name = "prev_hash", nullable = false)
    String prevHash;

    @Column(name = "hash", nullable = false)
    String hash;

    protected AuditEventJpaEntity() {
    }
}
