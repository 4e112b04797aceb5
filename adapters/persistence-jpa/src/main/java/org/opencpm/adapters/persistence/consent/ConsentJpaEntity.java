package org.opencpm.adapters.persistence.consent;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * A row of {@code consent}: a subject's current consent to one purpose, every field of
 * {@link org.opencpm.domain.consent.Consent} as a column; instants in epoch milliseconds, enums
 * as their wire codes, the notice stamp as four columns that are all null or all set.
 */
@Entity
@Table(name = "consent")
@IdClass(ConsentJpaEntity.Key.class)
class ConsentJpaEntity {

    @Id
    @Column(name = "subject_id")
    String subjectId;

    @Id
    @Column(name = "purpose")
    String purpose;

    @Column(name = "state", nullable = false)
    String state;

    @Column(name = "version", nullable = false)
    long version;

    @Column(name = "changed_at", nullable = false)
    long changedAt;

    @Column(name = "granted_at")
    Long grantedAt;

    @Column(name = "expires_at")
    Long expiresAt;

    @Column(name = "notice_code")
    String noticeCode;

    @Column(name = "notice_version")
    String noticeVersion;

    @Column(name = "notice_hash")
    String noticeHash;

    @Column(name = "notice_revision")
    Integer noticeRevision;

    @Column(name = "guardian_relation")
    String guardianRelation;

    @Column(name = "channel", nullable = false)
    String channel;

    @Column(name = "method", nullable = false)
    String method;

    protected ConsentJpaEntity() {
    }

    /** The primary key of {@link ConsentJpaEntity}. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        String subjectId;
        String purpose;

        public Key() {
        }

        Key(String subjectId, String purpose) {
            this.subjectId = subjectId;
            this.purpose = purpose;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && Objects.equals(subjectId, other.subjectId) && Objects.equals(purpose, other.purpose);
        }

        @Override
        public int hashCode() {
            return Objects.hash(subjectId, purpose);
        }
    }
}
