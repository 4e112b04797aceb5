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
    }
}
