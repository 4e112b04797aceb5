package org.opencpm.distribution.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.RequestException;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.opencpm.adapters.rest.problem.Problem;

/**
 * How Helidon answers what it refuses before (or outside) routing — a request line or header it
 * cannot parse, a URI or head too long, a body over the listener's limit, and the framing and
 * query rules of {@link StrictFraming}: as a problem+json with the headers every response of
 * OpenCPM carries ({@code X-Content-Type-Options: nosniff}, {@code Cache-Control: no-store}),
 * instead of Helidon's default {@code text/plain} answer without them.
 *
 * <p>The detail is Helidon's message only when Helidon marks it safe to show, reduced to printable
 * ASCII and cut short (it may quote part of the request); otherwise a fixed text. Nothing is logged
 * here: these are the client's mistakes, and a flood of them must not fill the log.
 */
final class ProblemDirectHandler implements DirectHandler {

    private static final int MAX_DETAIL = 200;
    private static final Map<Integer, String> CODES = Map.of(
            400, "invalid-request",
            403, "forbidden",
            413, "payload-too-large",
            414, "uri-too-long",
            431, "headers-too-large",
            503, "unavailable",
            505, "http-version-not-supported");

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status defaultStatus,
                                    ServerResponseHeaders responseHeaders, Throwable thrown, System.Logger logger) {
        boolean safe = thrown instanceof RequestException re && re.safeMessage();
        return handle(request, eventType, defaultStatus, responseHeaders, safe ? thrown.getMessage() : null);
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders responseHeaders, String message) {
        int code = status.code();
        String problem = CODES.getOrDefault(code, code >= 500 ? "internal-error" : "invalid-request");
        String detail = printable(message);
        String body = Problem.body(code, problem, detail == null ? fallback(code) : detail).build().toString();
        return TransportResponse.builder()
                .status(status)
                .headers(responseHeaders)
                .header(HeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .header(HeaderValues.create("X-Content-Type-Options", "nosniff"))
                .header(HeaderNames.CACHE_CONTROL, "no-store")
                .keepAlive(false)
                .entity(body.getBytes(StandardCharsets.UTF_8))
                .build();
    }

    private static String fallback(int code) {
        return code >= 500 ? "the server could not handle the request" : "the request is not valid HTTP as this server accepts it";
    }

    /** The message as printable ASCII, at most {@link #MAX_DETAIL} characters; null when there is nothing to show. */
    static String printable(String message) {
        if (message == null || message.isBlank()) {
            return null;
        }
        String text = message.replaceAll("[^\\x20-\\x7e]", "?").strip();
        return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "..." : text;
    }
}
