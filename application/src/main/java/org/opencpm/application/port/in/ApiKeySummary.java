package org.opencpm.application.port.in;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** What an admin may see of a key: everything but the key and its hash. */
public record ApiKeySummary(String id, String name, Set<Role> roles, Instant createdAt, Optional<Instant> expiresAt,
                            Optional<Instant> lastUsedAt, boolean revoked, Set<WebOrigin> origins) {

    public ApiKeySummary {
        roles = Set.copyOf(roles);
        origins = Set.copyOf(origins);
    }

    public ApiKeySummary(String id, String name, Set<Role> roles, Instant createdAt, Optional<Instant> expiresAt,
                         Optional<Instant> lastUsedAt, boolean revoked) {
        this(id, name, roles, createdAt, expiresAt, lastUsedAt, revoked, Set.of());
    }
}
