package org.opencpm.adapters.persistence.catalogue;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A row of {@code notice}: one published version, keyed by code and version, unique by code and revision. */
@Entity
@Table(name = "notice")
@IdClass(NoticeJpaEntity.Key.class)
class NoticeJpaEntity {

    @Id
    @Column(name = "code")
    String code;

    @Id
    @Column(name = "version")
    String version;

    @Column(name = "revision", nullable = false)
    int revision;

    @Column(name = "language", nullable = false)
    String language;

    @Column(name = "title", nullable = false)
    String title;

    /** Long text; a plain String, not a {@code @Lob} (on PostgreSQL that would become a large object). */
    @Column(name = "content")
    String content;

    @Column(name = "url")
    String url;

    /** The covered purpose codes, sorted, separated by commas (a code never contains one). */
    @Column(name = "purposes", nullable = false)
    String purposes;

    @Column(name = "material", nullable = false)
    boolean material;

    @Column(name = "content_hash", nullable = false)
    String contentHash;

    @Column(name = "published_at", nullable = false)
    long publishedAt;

    protected NoticeJpaEntity() {
    }

    /** The primary key of {@link NoticeJpaEntity}. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        String code;
        String version;

        public Key() {
        }

        Key(String code, String version) {
            this.code = code;
            this.version = version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && Objects.equals(code, other.code) && Objects.equals(version, other.version);
        }

        @Override
        public int hashCode() {
            return Objects.hash(code, version);
        }
    }
}
