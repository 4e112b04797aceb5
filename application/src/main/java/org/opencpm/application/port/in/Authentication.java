package org.opencpm.application.port.in;

import java.time.Duration;

/** The answer to a presented key: who it is, or why not. */
public sealed interface Authentication {

    /** A known, active key. */
    record Authenticated(ApiPrincipal principal) implements Authentication {
    }

    /** Missing, malformed, unknown, expired or revoked (which one is not told to the caller). */
    record Refused() implements Authentication {
    }

    /** Refused, and the client's address failed too often lately: it should wait {@code retryAfter}. */
    record Throttled(Duration retryAfter) implements Authentication {
        /** The wait in whole seconds, rounded up and at least 1: what a {@code Retry-After} header says. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }
}
