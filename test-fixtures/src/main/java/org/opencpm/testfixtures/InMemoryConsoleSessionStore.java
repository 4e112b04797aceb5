package org.opencpm.testfixtures;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.opencpm.application.port.out.ConsoleSessionStore;
import org.opencpm.application.port.out.StoredConsoleSession;

/** Console sessions in a map by hash, for tests; held to {@code ConsoleSessionStoreContract} as the database is. */
public final class InMemoryConsoleSessionStore implements ConsoleSessionStore {

    private final ConcurrentHashMap<String, StoredConsoleSession> sessions = new ConcurrentHashMap<>();

    @Override
    public void save(StoredConsoleSession session) {
        if (sessions.putIfAbsent(session.sessionHash(), session) != null) {
            throw new IllegalStateException("a console session with this hash exists already");
        }
    }

    @Override
    public Optional<StoredConsoleSession> findByHash(String sessionHash) {
        return Optional.ofNullable(sessions.get(sessionHash));
    }

    @Override
    public void touch(String sessionHash, Instant idleUntil) {
        sessions.computeIfPresent(sessionHash, (hash, s) -> new StoredConsoleSession(s.sessionHash(), s.csrfHash(), s.keyId(),
                s.createdAt(), idleUntil, s.expiresAt()));
    }

    @Override
    public void delete(String sessionHash) {
        sessions.remove(sessionHash);
    }

    @Override
    public int deleteForKey(String keyId) {
        int before = sessions.size();
        sessions.values().removeIf(s -> s.keyId().equals(keyId));
        return before - sessions.size();
    }

    @Override
    public int deleteEnded(Instant now) {
        int before = sessions.size();
        sessions.values().removeIf(s -> !s.liveAt(now));
        return before - sessions.size();
    }
}
