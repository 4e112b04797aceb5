package org.opencpm.application.port.in;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** A new API key. {@link #key()} is shown this once; OpenCPM keeps only its keyed hash. */
public record CreatedApiKey(String id, String name, String key, Set<Role> roles, Instant createdAt, Optional<Instant> expiresAt,
                            Set<WebOrigin> origins) {

    public CreatedApiKey {
        origins = Set.copyOf(origins);
    }

    public CreatedApiKey(String id, String name, String key, Set<Role> roles, Instant createdAt, Optional<Instant> expiresAt) {
        this(id, name, key, roles, createdAt, expiresAt, Set.of());
    }

    @Override
    public String toString() {
        return "CreatedApiKey[" + id + ", " + name + ", " + roles + ", key hidden]";
    }
}
