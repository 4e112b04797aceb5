package org.opencpm.application.port.out;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.opencpm.application.port.in.Role;
import org.opencpm.application.port.in.WebOrigin;

/**
 * An API key as stored: a hash of the key, never the key. Revoked keys stay (revoked), so that
 * the audit trail's key ids keep meaning something and a revoked bootstrap key is not made again.
 *
 * @param hashAlgorithm how {@code keyHash} was made: {@link #HMAC_SHA256} for every key since
 *                      schema version 7; {@link #SHA256} for older keys until their first use
 * @param lastUsedAt    when the key last passed, to within {@code ApiKeyService.LAST_USED_PRECISION}
 * @param origins       the web origins a collector key may be used from (schema version 18; none for other keys)
 */
public record StoredApiKey(String id, String name, String keyHash, String hashAlgorithm, Set<Role> roles, Instant createdAt,
                           Optional<Instant> expiresAt, Optional<Instant> lastUsedAt, Optional<Instant> revokedAt,
                           Set<WebOrigin> origins) {

    /** HMAC-SHA-256 under a server key derived from the identity vault's. */
    public static final String HMAC_SHA256 = "hmac-sha256";
    /** Plain SHA-256, as keys made before schema version 7 were stored; re-hashed on first use. */
    public static final String SHA256 = "sha256";

    public StoredApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(keyHash, "keyHash");
        Objects.requireNonNull(hashAlgorithm, "hashAlgorithm");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
        origins = Set.copyOf(origins);
    }

    /** A key bound to no origin. */
    public StoredApiKey(String id, String name, String keyHash, String hashAlgorithm, Set<Role> roles, Instant createdAt,
                        Optional<Instant> expiresAt, Optional<Instant> lastUsedAt, Optional<Instant> revokedAt) {
        this(id, name, keyHash, hashAlgorithm, roles, createdAt, expiresAt, lastUsedAt, revokedAt, Set.of());
    }

    /** A new key: HMAC-hashed, never used, not revoked. */
    public static StoredApiKey created(String id, String name, String keyHash, Set<Role> roles, Instant createdAt,
                                       Optional<Instant> expiresAt) {
        return created(id, name, keyHash, roles, createdAt, expiresAt, Set.of());
    }

    /** A new key bound to {@code origins}: HMAC-hashed, never used, not revoked. */
    public static StoredApiKey created(String id, String name, String keyHash, Set<Role> roles, Instant createdAt,
                                       Optional<Instant> expiresAt, Set<WebOrigin> origins) {
        return new StoredApiKey(id, name, keyHash, HMAC_SHA256, roles, createdAt, expiresAt, Optional.empty(),
                Optional.empty(), origins);
    }

    /** Whether the key lets its holder in at {@code now}: not revoked and not expired. */
    public boolean activeAt(Instant now) {
        return revokedAt.isEmpty() && expiresAt.map(now::isBefore).orElse(true);
    }
}
