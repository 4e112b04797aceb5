package org.opencpm.application.port.out;

import java.time.Instant;
import java.util.Optional;

/**
 * Console sessions, found by the hash of the session id. Kept in the database, not in a node's
 * memory, so that every node behind a load balancer knows a session and a sign-out holds on all
 * of them at once.
 */
public interface ConsoleSessionStore {

    /** Inserts a new session. */
    void save(StoredConsoleSession session);

    Optional<StoredConsoleSession> findByHash(String sessionHash);

    /**
     * Moves the idle end of a session on to {@code idleUntil}, which the caller keeps at or before
     * the session's absolute end; nothing when it is gone.
     */
    void touch(String sessionHash, Instant idleUntil);

    /** Forgets a session; nothing when it is gone already. */
    void delete(String sessionHash);

    /** Forgets every session of a key (signed out everywhere); the number forgotten. */
    int deleteForKey(String keyId);

    /**
     * Forgets every session that has ended by {@code now} — whose idle end has passed, the absolute
     * end being never earlier —; the number forgotten.
     */
    int deleteEnded(Instant now);
}
