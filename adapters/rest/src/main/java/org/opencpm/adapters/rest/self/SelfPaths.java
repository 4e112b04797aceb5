package org.opencpm.adapters.rest.self;

import java.util.regex.Pattern;

/**
 * Which requests are the preference centre's own ({@code /api/v1/self/...}): authenticated by a
 * self-service token, never by an API key. Only plain segments count (no dots, no empty segment),
 * so no path that a server could read as another one is taken for a self path.
 */
public final class SelfPaths {

    private static final Pattern SELF = Pattern.compile("/?api/v1/self(/[A-Za-z0-9:_-]+)*/?");
    /** The paths a person reaches without a token yet: asking for an SMS code and trading it for a token. */
    private static final Pattern OPEN = Pattern.compile("/?api/v1/self/sms-codes(:verify)?/?");

    private SelfPaths() {
    }

    /** Whether {@code path} (as JAX-RS gives it, relative to the application) is a self-service path. */
    public static boolean isSelf(String path) {
        // every /api request asks this, twice (authentication, then roles): the prefix decides for all
        // but the preference centre's own, before any regular expression runs (P3's hot path)
        return path != null && (path.startsWith("api/v1/self") || path.startsWith("/api/v1/self")) && SELF.matcher(path).matches();
    }

    static boolean needsNoToken(String path) {
        return OPEN.matcher(path).matches();
    }
}
