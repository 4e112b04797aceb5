package org.opencpm.application.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.opencpm.application.port.in.ApiPrincipal;
import org.opencpm.application.port.in.ConsoleSessionsUseCase;
import org.opencpm.application.port.out.ApiKeyStore;
import org.opencpm.application.port.out.Clock;
import org.opencpm.application.port.out.ConsoleSessionStore;
import org.opencpm.application.port.out.StoredApiKey;
import org.opencpm.application.port.out.StoredConsoleSession;

/**
 * Console sessions (ADR 0021). The session id and CSRF token are 256 random bits each; only their
 * SHA-256 hashes are stored (a salt or a slow hash adds nothing to 256 random bits), so a copy of
 * the table signs nobody in. Every check reads the session and its key from the stores, not from a
 * node's memory: a sign-out, or a key revoked on another node, ends the session everywhere at once.
 *
 * <p>A session ends after {@code idle} without use and at {@code maxAge} after sign-in whatever
 * happens (PIPL Art. 51: technical security measures, item 3, and limits on who may operate on
 * personal information, item 4 — a console left signed in and unattended meets neither). Use moves the idle end on, but at most once a
 * minute, so that a busy console does not write a row on every call.
 */
public final class ConsoleSessionService implements ConsoleSessionsUseCase {

    /** How often at most a session's idle end is moved on by use. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final int TOKEN_BYTES = 32;

    private final ConsoleSessionStore sessions;
    private final ApiKeyStore keys;
    private final Clock clock;
    private final Duration idle;
    private final Duration maxAge;
    private final SecureRandom random = new SecureRandom();

    public ConsoleSessionService(ConsoleSessionStore sessions, ApiKeyStore keys, Clock clock, Duration idle, Duration maxAge) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (idle.isNegative() || idle.isZero() || maxAge.compareTo(idle) < 0) {
            throw new IllegalArgumentException("a console session needs 0 < idle <= max age; got idle " + idle + ", max age " + maxAge);
        }
        this.idle = idle;
        this.maxAge = maxAge;
    }

    @Override
    public StartedSession start(ApiPrincipal key) {
        Instant now = clock.now();
        String sessionId = newToken();
        String csrfToken = newToken();
        Instant expiresAt = now.plus(maxAge);
        Instant idleUntil = earlier(now.plus(idle), expiresAt);
        sessions.save(new StoredConsoleSession(Sha256.hex(sessionId), Sha256.hex(csrfToken), key.keyId(), now, idleUntil, expiresAt));
        return new StartedSession(sessionId, csrfToken, key.roles(), expiresAt, idleUntil);
    }

    @Override
    public SessionCheck check(String sessionId, String csrfToken) {
        if (!wellFormed(sessionId)) {
            return new SessionCheck.Unknown();
        }
        String sessionHash = Sha256.hex(sessionId);
        Optional<StoredConsoleSession> found = sessions.findByHash(sessionHash);
        if (found.isEmpty()) {
            return new SessionCheck.Unknown();
        }
        StoredConsoleSession session = found.get();
        Instant now = clock.now();
        if (!session.liveAt(now)) {
            sessions.delete(sessionHash);
            return new SessionCheck.Unknown();
        }
        if (!wellFormed(csrfToken) || !MessageDigest.isEqual(bytes(Sha256.hex(csrfToken)), bytes(session.csrfHash()))) {
            return new SessionCheck.CsrfMismatch();
        }
        Optional<StoredApiKey> key = keys.findById(session.keyId()).filter(k -> k.activeAt(now));
        if (key.isEmpty()) {
            sessions.deleteForKey(session.keyId());
            return new SessionCheck.Unknown();
        }
        if (now.plus(idle).minus(TOUCH_EVERY).isAfter(session.idleUntil())) {
            sessions.touch(sessionHash, earlier(now.plus(idle), session.expiresAt()));
        }
        StoredApiKey k = key.get();
        return new SessionCheck.Valid(new ApiPrincipal(k.id(), k.name(), k.roles(), k.origins()));
    }

    @Override
    public void end(String sessionId) {
        if (wellFormed(sessionId)) {
            sessions.delete(Sha256.hex(sessionId));
        }
    }

    @Override
    public int purgeEnded() {
        return sessions.deleteEnded(clock.now());
    }

    private String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What a token made by {@link #newToken} looks like; anything else is not looked up. */
    private static boolean wellFormed(String token) {
        return token != null && token.length() == 43 && token.chars().allMatch(c -> c < 128
                && (Character.isLetterOrDigit(c) || c == '-' || c == '_'));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
