package org.opencpm.adapters.persistence.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code console_session}: hashes only, times in epoch milliseconds. */
@Entity
@Table(name = "console_session")
class ConsoleSessionJpaEntity {

    @Id
    @Column(name = "session_hash")
    String sessionHash;

    @Column(name = "csrf_hash", nullable = false)
    String csrfHash;

    @Column(name = "key_id", nullable = false)
    String keyId;

    @Column(name = "created_at", nullable = false)
    long createdAt;

    @Column(name = "idle_until", nullable = false)
    long idleUntil;

    @Column(name = "expires_at", nullable = false)
    long expiresAt;

    protected ConsoleSessionJpaEntity() {
    }
}
