package org.opencpm.adapters.persistence.erasure;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code subject_key}: a person's data key, wrapped by the identity vault, in base64. */
@Entity
@Table(name = "subject_key")
class SubjectKeyJpaEntity {

    @Id
    @Column(name = "subject_id")
    String subjectId;

    @Column(name = "wrapped", nullable = false)
    String wrapped;

    protected SubjectKeyJpaEntity() {
    }

    SubjectKeyJpaEntity(String subjectId, String wrapped) {
        this.subjectId = subjectId;
        this.wrapped = wrapped;
    }
}
