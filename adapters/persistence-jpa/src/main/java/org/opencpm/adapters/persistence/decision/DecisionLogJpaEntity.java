package org.opencpm.adapters.persistence.decision;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code decision_log}: a decision made on a lawful basis other than consent, with a random id. */
@Entity
@Table(name = "decision_log")
class DecisionLogJpaEntity {

    @Id
    @Column(name = "id")
    String id;

    @Column(name = "subject_id")
    String subjectId;

    @Column(name = "purpose", nullable = false)
    String purpose;

    @Column(name = "reason", nullable = false)
    String reason;

    @Column(name = "channel")
    String channel;

    @Column(name = "recipient")
    String recipient;

    @Column(name = "decided_at", nullable = false)
    long decidedAt;

    protected DecisionLogJpaEntity() {
    }
}
