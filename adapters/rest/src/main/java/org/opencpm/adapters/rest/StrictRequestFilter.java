package org.opencpm.adapters.rest;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.opencpm.adapters.rest.problem.Problem;
import org.opencpm.domain.Checks;

/**
 * Refuses, before anything is matched or read, a request whose path or declared encoding could be
 * read as something other than what the client meant:
 * <ul>
 *   <li>a path segment with {@code ;} — JAX-RS would take {@code a;b} as {@code a} with a matrix
 *       parameter, so {@code PUT /api/v1/purposes/a;b} would define purpose {@code a};</li>
 *   <li>a path with a broken percent-escape, bytes that are not UTF-8, or a control character once
 *       decoded (a name in a path is a name, one line, like a name in a body);</li>
 *   <li>a {@code Content-Type} that is not a media type (400), or that declares a charset other
 *       than UTF-8 (415): the API reads bodies as UTF-8 only, and reading GBK as UTF-8 would turn
 *       different names into the same text.</li>
 * </ul>
 * Platform callbacks under {@code /hooks} keep their own body encodings (their plugin reads the
 * raw bytes in the platform's format); their paths are held to the same rules.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
@ApplicationScoped
public class StrictRequestFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        boolean api = path != null && (path.startsWith("/api/") || path.equals("/api"));
        boolean hooks = path != null && path.startsWith("/hooks/");
        if (!api && !hooks) {
            return;
        }
        Optional<String> pathProblem = pathProblem(path);
        if (pathProblem.isPresent()) {
            request.abortWith(Problem.invalid("invalid-request", "path", pathProblem.get()));
            return;
        }
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        if (query != null && brokenEscape(query)) {
            request.abortWith(Problem.invalid("invalid-request", "query", "has a '%' that does not start a percent-escape"));
            return;
        }
        if (api) {
            String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
            if (contentType != null) {
                checkContentType(request, contentType);
            }
        }
    }

    private static void checkContentType(ContainerRequestContext request, String contentType) {
        MediaType type;
        try {
            type = MediaType.valueOf(contentType);
        } catch (RuntimeException notAMediaType) {
            request.abortWith(Problem.invalid("invalid-request", "Content-Type", "is not a media type, e.g. application/json"));
            return;
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !isUtf8(charset)) {
            request.abortWith(Problem.response(415, "unsupported-media-type",
                    "the API reads request bodies as UTF-8 only; charset " + printable(charset) + " is not accepted"));
        }
    }

    private static boolean isUtf8(String charset) {
        try {
            return Charset.forName(charset.strip()).equals(StandardCharsets.UTF_8);
        } catch (RuntimeException unknownCharset) {
            return false;
        }
    }

    private static boolean brokenEscape(String raw) {
        for (int i = raw.indexOf('%'); i >= 0; i = raw.indexOf('%', i + 1)) {
            if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0 || Character.digit(raw.charAt(i + 2), 16) < 0) {
                return true;
            }
        }
        return false;
    }

    /** What is wrong with the raw (still percent-encoded) path, if anything. */
    static Optional<String> pathProblem(String rawPath) {
        if (rawPath.indexOf(';') >= 0) {
            return Optional.of("must not contain ';' (matrix parameters are not accepted)");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rawPath.length());
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '%') {
                if (brokenEscape(rawPath.substring(i, Math.min(i + 3, rawPath.length())))) {
                    return Optional.of("has a '%' that does not start a percent-escape");
                }
                bytes.write(Character.digit(rawPath.charAt(i + 1), 16) * 16 + Character.digit(rawPath.charAt(i + 2), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException notUtf8) {
            return Optional.of("is not UTF-8 once percent-decoded");
        }
        if (decoded.indexOf(';') >= 0) {
            return Optional.of("must not contain ';'");
        }
        if (Checks.firstForbidden(decoded, false) >= 0) {
            return Optional.of("must not contain control characters");
        }
        return Optional.empty();
    }

    private static String printable(String text) {
        String shortened = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return Checks.firstForbidden(shortened, false) >= 0 ? "(unreadable)" : "'" + shortened + "'";
    }
}
