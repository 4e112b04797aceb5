package org.opencpm.application.port.out;

import java.time.Instant;
import java.util.Set;
import org.opencpm.application.port.in.Role;

/** An API key as stored: the SHA-256 of the key, never the key. */
public record StoredApiKey(String id, String name, String keyHash, Set<Role> roles, Instant createdAt) {

    public StoredApiKey {
        roles = Set.copyOf(roles);
    }
}
