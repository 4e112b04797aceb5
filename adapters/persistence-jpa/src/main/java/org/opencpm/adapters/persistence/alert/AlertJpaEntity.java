package org.opencpm.adapters.persistence.alert;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code risk_alert}: the severity as the API spells it, the time in epoch milliseconds, the detail as JSON. */
@Entity
@Table(name = "risk_alert")
class AlertJpaEntity {

    @Id
    @Column(name = "id")
    String id;

    @Column(name = "rule", nullable = false)
    String rule;

    @Column(name = "severity", nullable = false)
    String severity;

    @Column(name = "raised_at", nullable = false)
    long raisedAt;

    /** Long text as a plain String, not a {@code @Lob} (on PostgreSQL that would be a large object). */
    @Column(name = "detail", nullable = false)
    String detail;

    protected AlertJpaEntity() {
    }
}
