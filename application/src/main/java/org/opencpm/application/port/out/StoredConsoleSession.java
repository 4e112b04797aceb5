package org.opencpm.application.port.out;

import java.time.Instant;
import java.util.Objects;

/**
 * A console session as stored: SHA-256 hashes of its id and of its CSRF token (never either
 * value, so a copy of the table signs nobody in), the API key it acts as, and when it ends —
 * after {@code idleUntil} without use, and at {@code expiresAt} whatever happens. The idle end is
 * never after the absolute end, so it alone says whether a session has ended (and a store purges
 * by it alone).
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
        if (idleUntil.isAfter(expiresAt)) {
            throw new IllegalArgumentException("a console session's idle end " + idleUntil + " is after its absolute end " + expiresAt);
        }
    }

    /** Whether it still signs its holder in at {@code now}. */
    public boolean liveAt(Instant now) {
        return now.isBefore(idleUntil);
    }
}
