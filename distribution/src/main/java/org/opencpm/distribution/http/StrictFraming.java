package org.opencpm.distribution.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.RequestException;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectTransportRequest;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rules a request's line and framing must meet before anything routes it, checked on every path as
 * Helidon reads them ({@link ConnectionEvents}); a request that breaks one gets a 400 problem+json
 * ({@link ProblemDirectHandler}) and its connection is closed, so that no byte after it is ever
 * read as a request.
 *
 * <p>Framing: where a body ends must be beyond doubt, or the body can be read as a next request
 * (request smuggling, as a proxy in front and this server would disagree). Helidon 4.1.6 takes a
 * body as chunked only for a {@code Transfer-Encoding} of exactly {@code chunked}, reads any other
 * value — {@code Chunked}, {@code identity}, {@code gzip, chunked} — as if there were no body, and
 * lets {@code chunked} win over a {@code Content-Length}. So a request is refused when its
 * {@code Transfer-Encoding} is anything but one header with the one value
 * {@code chunked} (lower case: RFC 9112 calls coding names case-insensitive, but what Helidon does
 * not frame as chunked must not pass), when it has both {@code Transfer-Encoding} and
 * {@code Content-Length}, or when its {@code Content-Length} is not one run of digits (Helidon
 * reads {@code -1} as "chunked" and {@code +5} as 5).
 *
 * <p>The query is held to RFC 3986: unreserved characters, percent-escapes, sub-delimiters,
 * {@code :}, {@code @}, {@code /} and {@code ?}. Helidon 4.1.6's own check
 * ({@code validate-prologue}, turned off in {@code microprofile-config.properties}) refuses a raw
 * {@code :} (helidon-io/helidon#9862), so {@code ?from=2026-01-01T00:00:00Z} was refused with a
 * plain-text 400. A request target has no fragment: one with {@code #…} is refused.
 */
final class StrictFraming {

    private static final String CHUNKED = "chunked";
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");

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

    /** Refuses a request whose body's end is in doubt (see the class comment). */
    static void checkFraming(Headers headers) {
        boolean transferEncoding = headers.contains(HeaderNames.TRANSFER_ENCODING);
        boolean length = headers.contains(HeaderNames.CONTENT_LENGTH);
        if (transferEncoding) {
            List<String> codings = headers.get(HeaderNames.TRANSFER_ENCODING).allValues();
            if (codings.size() != 1 || !CHUNKED.equals(codings.get(0))) {
                throw refusal("Transfer-Encoding must be sent once, with the single value 'chunked'");
            }
            if (length) {
                throw refusal("a request must not have both Transfer-Encoding and Content-Length");
            }
        }
        if (length) {
            List<String> lengths = headers.get(HeaderNames.CONTENT_LENGTH).allValues();
            if (lengths.size() != 1 || !DIGITS.matcher(lengths.get(0)).matches()) {
                throw refusal("Content-Length must be sent once, as a whole number of bytes");
            }
        }
    }

    private static boolean isQueryCharacter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0;
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }

    private static RequestException refusal(HttpPrologue prologue, String message) {
        return refusal(DirectTransportRequest.create(prologue, ServerRequestHeaders.create()), message);
    }

    private static RequestException refusal(String message) {
        return refusal(DirectHandler.TransportRequest.empty(), message);
    }

    private static RequestException refusal(DirectHandler.TransportRequest request, String message) {
        return RequestException.builder()
                .type(DirectHandler.EventType.BAD_REQUEST)
                .status(Status.BAD_REQUEST_400)
                .request(request)
                .setKeepAlive(false)
                .safeMessage(true)
                .message(message)
                .build();
    }
}
