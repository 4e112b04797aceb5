package org.opencpm.application.port.in;

import java.time.Instant;
import java.util.Set;

/**
 * Console sessions for the admin console and the store tablet (ADR 0021): an API key holder signs
 * in once and the pages then call the API with an HttpOnly session cookie and a CSRF token instead
 * of keeping the key in the page, where any injected script could read it. A session acts as its
 * key: it keeps the key's roles, and a key revoked or expired ends its sessions at once.
 */
public interface ConsoleSessionsUseCase {

    /** Starts a session for a key that has just authenticated. */
    StartedSession start(ApiPrincipal key);

    /**
     * The key a session acts as, when the session id is known, has not ended, its key is still
     * active, and {@code csrfToken} is the session's; why not otherwise.
     */
    SessionCheck check(String sessionId, String csrfToken);

    /** Ends a session (sign-out); nothing when it has ended already. */
    void end(String sessionId);

    /** Forgets the sessions that have ended; the number forgotten. */
    int purgeEnded();

    /** A new session: its id (for the cookie) and CSRF token are shown here once, then only their hashes are kept. */
    record StartedSession(String sessionId, String csrfToken, Set<Role> roles, Instant expiresAt, Instant idleUntil) {
        public StartedSession {
            roles = Set.copyOf(roles);
        }

        @Override
        public String toString() {
            return "StartedSession[roles=" + roles + ", expiresAt=" + expiresAt + "]";
        }
    }

    /** The answer to a session cookie and CSRF token. */
    sealed interface SessionCheck {
        /** A live session of an active key, and the right CSRF token. */
        record Valid(ApiPrincipal principal) implements SessionCheck {
        }

        /** No such session, or it ended (idle, absolute, signed out), or its key was revoked or expired. */
        record Unknown() implements SessionCheck {
        }

        /** A live session, but the CSRF token is missing or not the session's. */
        record CsrfMismatch() implements SessionCheck {
        }
    }
}
