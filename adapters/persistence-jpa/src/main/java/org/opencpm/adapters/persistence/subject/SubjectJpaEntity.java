package org.opencpm.adapters.persistence.subject;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/**
 * A row of {@code subject}. {@code version} is the domain's change counter, set by the domain and
 * checked by {@link JpaSubjectStore#save} with a conditional update, not a JPA {@code @Version}.
 */
@Entity
@Table(name = "subject")
class SubjectJpaEntity {

    @Id
    @Column(name = "id")
    String id;

    @Column(name = "birth_date")
    LocalDate birthDate;

    @Column(name = "declared_minor", nullable = false)
    boolean declaredMinor;

    @Column(name = "version", nullable = false)
    long version;

    @Column(name = "registered_at", nullable = false)
    long registeredAt;

    /** The subject that absorbed this one; null while it stands on its own. Written only by a bulk update. */
    @Column(name = "merged_into")
    String mergedInto;

    protected SubjectJpaEntity() {
    }
}
