package org.opencpm.adapters.persistence.rights;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code rights_request}: codes as the API spells them, times in epoch milliseconds. */
@Entity
@Table(name = "rights_request")
class RightsRequestJpaEntity {

    @Id
    @Column(name = "id")
    String id;

    @Column(name = "subject_id", nullable = false)
    String subjectId;

    @Column(name = "request_type", nullable = false)
    String type;

    @Column(name = "channel", nullable = false)
    String channel;

    @Column(name = "verification", nullable = false)
    String verification;

    @Column(name = "verified_by")
    String verifiedBy;

    @Column(name = "note")
    String note;

    @Column(name = "status", nullable = false)
    String status;

    @Column(name = "received_at", nullable = false)
    long receivedAt;

    @Column(name = "due_at", nullable = false)
    long dueAt;

    @Column(name = "closed_at")
    Long closedAt;

    @Column(name = "resolution")
    String resolution;

    /** The request's type while it is open and was inserted as the sole open one of its subject and type; NULL otherwise. */
    @Column(name = "sole_open_type")
    String soleOpenType;

    protected RightsRequestJpaEntity() {
    }
}
