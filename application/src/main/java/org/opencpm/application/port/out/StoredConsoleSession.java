package org.opencpm.application.port.out;

import java.time.Instant;
import java.util.Objects;

/**
 * A console session as stored: SHA-256 hashes of its id and of its CSRF token (never either
 * value, so a copy of the table signs nobody in), the API key it acts as, and when it ends —
 * after {@code idleUntil} without use, and at {@code expiresAt} whatever happens.
 */
public record StoredConsoleSession(String sessionHash, String csrfHash, String keyId, Instant createdAt, Instant idleUntil,
                                   Instant expiresAt) {

    public StoredConsoleSession {
        Objects.requireNonNull(sessionHash, "sessionHash");
        Objects.requireNonNull(csrfHash, "csrfHash");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(idleUntil, "idleUntil");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether it still signs its holder in at {@code now}. */
    public boolean liveAt(Instant now) {
        return now.isBefore(idleUntil) && now.isBefore(expiresAt);
    }
}
