package org.opencpm.adapters.persistence.security;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.opencpm.application.port.in.Role;
import org.opencpm.application.port.out.StoredApiKey;

/** A {@link StoredApiKey} as an {@code api_key} row and back. */
final class ApiKeyMapper {

    private ApiKeyMapper() {
    }

    static ApiKeyJpaEntity fill(ApiKeyJpaEntity row, StoredApiKey key) {
        row.id = key.id();
        row.name = key.name();
        row.keyHash = key.keyHash();
        row.roles = key.roles().stream().map(Role::code).sorted().collect(Collectors.joining(","));
        row.createdAt = key.createdAt().toEpochMilli();
        return row;
    }

    static StoredApiKey toKey(ApiKeyJpaEntity row) {
        return new StoredApiKey(row.id, row.name, row.keyHash,
                row.roles.isEmpty() ? Set.<Role>of()
                        : Arrays.stream(row.roles.split(",")).map(code -> Role.parse(code, "roles")).collect(Collectors.toSet()),
                Instant.ofEpochMilli(row.createdAt));
    }
}
