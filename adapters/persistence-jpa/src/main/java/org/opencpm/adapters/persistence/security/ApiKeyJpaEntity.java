package org.opencpm.adapters.persistence.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A row of {@code api_key}: a key's id, name, hash (unique) and how it was made, roles as sorted
 * comma-separated codes, and its lifecycle in epoch milliseconds (expiry, last use, revocation; null when none), and a
 * collector key's web origins.
 */
@Entity
@Table(name = "api_key")
class ApiKeyJpaEntity {

    @Id
    @Column(name = "id")
    String id;

    @Column(name = "name", nullable = false)
    String name;

    @Column(name = "key_hash", nullable = false)
    String keyHash;

    @Column(name = "hash_algorithm", nullable = false)
    String hashAlgorithm;

    @Column(name = "roles", nullable = false)
    String roles;

    @Column(name = "created_at", nullable = false)
    long createdAt;

    @Column(name = "expires_at")
    Long expiresAt;

    @Column(name = "last_used_at")
    Long lastUsedAt;

    @Column(name = "revoked_at")
    Long revokedAt;

    /** A collector key's web origins, space-separated, sorted; null for other keys (V18). */
    @Column(name = "origins")
    String origins;

    protected ApiKeyJpaEntity() {
    }
}
