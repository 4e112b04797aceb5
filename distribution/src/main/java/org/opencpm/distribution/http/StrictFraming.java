package org.opencpm.distribution.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HttpPrologue;
import io.helidon.http.RequestException;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectTransportRequest;

/**
 * Rules a request's line must meet before anything routes it, checked on every path as Helidon
 * reads it ({@link ConnectionEvents}); a request that breaks one gets a 400 problem+json
 * ({@link ProblemDirectHandler}) and its connection is closed.
 *
 * <p>The query is held to RFC 3986: unreserved characters, percent-escapes, sub-delimiters,
 * {@code :}, {@code @}, {@code /} and {@code ?}. Helidon 4.1.6's own check
 * ({@code validate-prologue}, turned off in {@code microprofile-config.properties}) refuses a raw
 * {@code :} (helidon-io/helidon#9862), so {@code ?from=2026-01-01T00:00:00Z} was refused with a
 * plain-text 400. A request target has no fragment: one with {@code #…} is refused.
 */
final class StrictFraming {

    private StrictFraming() {
    }

    /** Refuses a request line whose query has a character RFC 3986 does not allow there, or that has a fragment. */
    static void checkRequestLine(HttpPrologue prologue) {
        String query = prologue.query().rawValue();
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%') {
                if (i + 2 >= query.length() || !isHex(query.charAt(i + 1)) || !isHex(query.charAt(i + 2))) {
                    throw refusal(prologue, "the query has a '%' that does not start a percent-escape");
                }
                i += 2;
            } else if (!isQueryCharacter(c)) {
                throw refusal(prologue, "the query has a character that must be percent-encoded (at index " + i + ")");
            }
        }
        if (prologue.fragment().hasValue()) {
            throw refusal(prologue, "a request target has no fragment ('#')");
        }
    }

    private static boolean isQueryCharacter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0;
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }

    static RequestException refusal(HttpPrologue prologue, String message) {
        return RequestException.builder()
                .type(DirectHandler.EventType.BAD_REQUEST)
                .status(Status.BAD_REQUEST_400)
                .request(DirectTransportRequest.create(prologue, ServerRequestHeaders.create()))
                .setKeepAlive(false)
                .safeMessage(true)
                .message(message)
                .build();
    }
}
