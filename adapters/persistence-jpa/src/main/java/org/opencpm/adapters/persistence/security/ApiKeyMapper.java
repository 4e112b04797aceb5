package org.opencpm.adapters.persistence.security;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.opencpm.application.port.in.Role;
import org.opencpm.application.port.in.WebOrigin;
import org.opencpm.application.port.out.StoredApiKey;

/** A {@link StoredApiKey} as an {@code api_key} row and back. */
final class ApiKeyMapper {

    private ApiKeyMapper() {
    }

    static ApiKeyJpaEntity fill(ApiKeyJpaEntity row, StoredApiKey key) {
        row.id = key.id();
        row.name = key.name();
        row.keyHash = key.keyHash();
        row.hashAlgorithm = key.hashAlgorithm();
        row.roles = key.roles().stream().map(Role::code).sorted().collect(Collectors.joining(","));
        row.createdAt = key.createdAt().toEpochMilli();
        row.expiresAt = millis(key.expiresAt());
        row.lastUsedAt = millis(key.lastUsedAt());
        row.revokedAt = millis(key.revokedAt());
        row.origins = key.origins().isEmpty() ? null
                : key.origins().stream().map(WebOrigin::value).sorted().collect(Collectors.joining(" "));
        return row;
    }

    static StoredApiKey toKey(ApiKeyJpaEntity row) {
        return new StoredApiKey(row.id, row.name, row.keyHash, row.hashAlgorithm,
                row.roles.isEmpty() ? Set.<Role>of()
                        : Arrays.stream(row.roles.split(",")).map(code -> Role.parse(code, "roles")).collect(Collectors.toSet()),
                Instant.ofEpochMilli(row.createdAt), instant(row.expiresAt), instant(row.lastUsedAt), instant(row.revokedAt),
                row.origins == null || row.origins.isBlank() ? Set.<WebOrigin>of()
                        : Arrays.stream(row.origins.split(" ")).map(WebOrigin::new).collect(Collectors.toSet()));
    }

    private static Long millis(Optional<Instant> at) {
        return at.map(Instant::toEpochMilli).orElse(null);
    }

    private static Optional<Instant> instant(Long millis) {
        return Optional.ofNullable(millis).map(Instant::ofEpochMilli);
    }
}
