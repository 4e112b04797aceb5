package org.opencpm.application.port.in;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.opencpm.domain.InvalidValueException;

/**
 * A web origin as browsers send it in {@code Origin} (RFC 6454): {@code scheme://host[:port]},
 * lowercase, no path, no user info, the scheme's default port left out. A collector key is bound
 * to a few of these (ADR 0023); a request is compared with them as text, so the form is normalised
 * once here and nowhere else.
 */
public record WebOrigin(String value) {

    public WebOrigin {
        if (value == null || !value.equals(normalise(value))) {
            throw new InvalidValueException("origins", "'" + value + "' is not a web origin in its normal form, e.g. https://www.example.com");
        }
    }

    /** {@code text} read as an origin; a trailing slash and upper case are forgiven, anything else is refused. */
    public static WebOrigin parse(String text, String field) {
        String normal = text == null ? null : normalise(text);
        if (normal == null) {
            throw new InvalidValueException(field, "is not a web origin: give scheme://host[:port], e.g. https://www.example.com");
        }
        return new WebOrigin(normal);
    }

    /** The normal form of {@code text}, or null when it is not an http(s) origin. */
    private static String normalise(String text) {
        String given = text.strip();
        if (given.endsWith("/")) {
            given = given.substring(0, given.length() - 1);
        }
        if (given.length() > 200 || given.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)) {
            return null;
        }
        try {
            URI uri = new URI(given);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getRawUserInfo() != null || uri.getHost() == null
                    || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return null;
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (URISyntaxException notAnOrigin) {
            return null;
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
