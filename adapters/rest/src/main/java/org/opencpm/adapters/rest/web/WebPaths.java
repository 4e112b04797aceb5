package org.opencpm.adapters.rest.web;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which request paths name a web file, and which file: only segments of letters, digits, {@code -},
 * {@code _} and inner dots (so never {@code ..}, a hidden file, an encoded slash or a backslash),
 * under one of the faces. A path ending in {@code /} names the folder's {@code index.html}; there
 * is no directory listing.
 */
final class WebPaths {

    /** The top folders served; everything else is left to the other routes. */
    static final String FACES = "assets|preference-center|sdk|store|admin";
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
    private static final int MAX_LENGTH = 256;

    private WebPaths() {
    }

    /**
     * The file under {@code web/} that {@code rest} (the path after the face, {@code ""} or starting
     * with {@code /}) names in {@code face}; empty when the path cannot name a file.
     */
    static Optional<String> file(String face, String rest) {
        if (rest.length() > MAX_LENGTH || !rest.isEmpty() && rest.charAt(0) != '/') {
            return Optional.empty();
        }
        String path = rest.endsWith("/") ? rest + "index.html" : rest;
        String[] segments = path.substring(1).split("/", -1);
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(face + path);
    }
}
