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

    /**
     * The files found so far. Only files that exist are kept, so the cache holds at most the
     * release's own files; a miss is looked up again each time rather than remembered, or any
     * visitor could grow it without bound with made-up paths.
     */
    private static final Map<String, StaticFile> CACHE = new ConcurrentHashMap<>();

    /** The media type of a file name; empty for a kind not served. */
    static Optional<String> mediaTypeOf(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : Optional.ofNullable(TYPES.get(name.substring(dot + 1)));
    }

    /** The file at {@code relative} (already checked by {@link WebPaths}) under {@code web/}; empty when there is none. */
    static Optional<StaticFile> load(String relative) {
        StaticFile cached = CACHE.get(relative);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<StaticFile> found = read(relative);
        found.ifPresent(file -> CACHE.putIfAbsent(relative, file));
        return found;
    }

    /** How many files are kept (for tests). */
    static int cached() {
        return CACHE.size();
    }

    /**
     * Whether an {@code If-None-Match} header names this file's version: one of its entity tags,
     * weak or strong (RFC 9110 §13.1.2 compares weakly for this header), or {@code *}.
     */
    boolean matches(String ifNoneMatch) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(etag)) {
                return true;
            }
        }
        return false;
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
