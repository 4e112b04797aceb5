package org.opencpm.adapters.persistence.subject;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A row of {@code subject_identifier}: an identifier's keyed hash (the primary key, so one
 * identifier leads to one subject), its type and its sealed (encrypted) value in base64.
 */
@Entity
@Table(name = "subject_identifier")
class SubjectIdentifierJpaEntity {

    @Id
    @Column(name = "hash")
    String hash;

    @Column(name = "subject_id", nullable = false)
    String subjectId;

    @Column(name = "type", nullable = false)
    String type;

    @Column(name = "sealed", nullable = false)
    String sealed;

    protected SubjectIdentifierJpaEntity() {
    }

    SubjectIdentifierJpaEntity(String hash, String subjectId, String type, String sealed) {
        this.hash = hash;
        this.subjectId = subjectId;
        this.type = type;
        this.sealed = sealed;
    }
}
