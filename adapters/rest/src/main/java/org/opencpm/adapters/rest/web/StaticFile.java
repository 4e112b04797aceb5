package org.opencpm.adapters.rest.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A file of the class path's {@code web/} folder: its bytes, its media type and an ETag made from
 * its content. Read once and kept: the files are part of the release and never change while it runs.
 */
record StaticFile(byte[] bytes, String mediaType, String etag) {

    /** The media types served, by file extension; a file of any other kind is not served at all. */
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("webp", "image/webp"),
            Map.entry("woff2", "font/woff2"));

    private static final Map<String, Optional<StaticFile>> CACHE = new ConcurrentHashMap<>();

    /** The media type of a file name; empty for a kind not served. */
    static Optional<String> mediaTypeOf(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : Optional.ofNullable(TYPES.get(name.substring(dot + 1)));
    }

    /** The file at {@code relative} (already checked by {@link WebPaths}) under {@code web/}; empty when there is none. */
    static Optional<StaticFile> load(String relative) {
        return CACHE.computeIfAbsent(relative, StaticFile::read);
    }

    private static Optional<StaticFile> read(String relative) {
        Optional<String> type = mediaTypeOf(relative);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = StaticFile.class.getClassLoader().getResourceAsStream("web/" + relative)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            return Optional.of(new StaticFile(bytes, type.get(), etagOf(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read web/" + relative + " from the class path", e);
        }
    }

    private static String etagOf(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
