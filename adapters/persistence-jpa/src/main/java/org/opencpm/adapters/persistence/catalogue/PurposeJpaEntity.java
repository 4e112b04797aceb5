package org.opencpm.adapters.persistence.catalogue;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code purpose}: the code, and the whole definition as JSON ({@link PurposeMapper}). */
@Entity
@Table(name = "purpose")
class PurposeJpaEntity {

    @Id
    @Column(name = "code")
    String code;

    @Column(name = "body", nullable = false)
    String body;

    protected PurposeJpaEntity() {
    }

    PurposeJpaEntity(String code, String body) {
        this.code = code;
        this.body = body;
    }
}
