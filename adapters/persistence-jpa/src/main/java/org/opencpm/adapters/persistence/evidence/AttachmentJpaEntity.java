package org.opencpm.adapters.persistence.evidence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * A row of {@code evidence_attachment}: a person's file by its SHA-256 (hex), its media type as
 * HTTP spells it, its size in clear, when it was kept (epoch milliseconds), and its sealed bytes
 * as base64 text — a plain String, not a {@code @Lob} (on PostgreSQL that would be a large object,
 * which a {@code DELETE} of the row leaves behind).
 */
@Entity
@Table(name = "evidence_attachment")
@IdClass(AttachmentJpaEntity.Key.class)
class AttachmentJpaEntity {

    @Id
    @Column(name = "subject_id")
    String subjectId;

    @Id
    @Column(name = "sha256")
    String sha256;

    @Column(name = "media_type", nullable = false)
    String mediaType;

    @Column(name = "size_bytes", nullable = false)
    int size;

    @Column(name = "stored_at", nullable = false)
    long storedAt;

    @Column(name = "sealed", nullable = false)
    String sealed;

    protected AttachmentJpaEntity() {
    }

    /** The primary key of {@link AttachmentJpaEntity}. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        String subjectId;
        String sha256;

        public Key() {
        }

        Key(String subjectId, String sha256) {
            this.subjectId = subjectId;
            this.sha256 = sha256;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && Objects.equals(subjectId, other.subjectId) && Objects.equals(sha256, other.sha256);
        }

        @Override
        public int hashCode() {
            return Objects.hash(subjectId, sha256);
        }
    }
}
