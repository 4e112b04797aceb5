package org.opencpm.adapters.persistence.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code api_key}: a key's id, name, SHA-256 (unique), roles as sorted comma-separated codes. */
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

    @Column(name = "roles", nullable = false)
    String roles;

    @Column(name = "created_at", nullable = false)
    long createdAt;

    protected ApiKeyJpaEntity() {
    }
}
