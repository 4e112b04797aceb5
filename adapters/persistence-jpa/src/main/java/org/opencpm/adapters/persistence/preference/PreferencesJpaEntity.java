package org.opencpm.adapters.persistence.preference;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code preferences}: a subject's preferences as JSON ({@link PreferencesJson}). */
@Entity
@Table(name = "preferences")
class PreferencesJpaEntity {

    @Id
    @Column(name = "subject_id")
    String subjectId;

    @Column(name = "body", nullable = false)
    String body;

    protected PreferencesJpaEntity() {
    }

    PreferencesJpaEntity(String subjectId, String body) {
        this.subjectId = subjectId;
        this.body = body;
    }
}
