package org.opencpm.adapters.persistence.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The one row of {@code audit_head} ({@code id = 1}): the sequence number and hash of the last
 * event, {@code 0} and the genesis hash while the chain is empty. Appenders lock it, which makes
 * them take turns.
 */
@Entity
@Table(name = "audit_head")
class AuditHeadJpaEntity {

    static final int ID = 1;

    @Id
    @Column(name = "id")
    int id;

    @Column(name = "seq", nullable = false)
    long seq;

    @Column(name = "hash", nullable = false)
    String hash;

    protected AuditHeadJpaEntity() {
    }
}
