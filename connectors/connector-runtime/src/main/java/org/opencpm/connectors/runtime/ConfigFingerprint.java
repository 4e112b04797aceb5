package org.opencpm.connectors.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A digest of a connector's configuration file as it was read (its keys and raw values, so a
 * secret is never kept as it is): a reload restarts a connector whose file no longer has the
 * digest it was started with, and the plugins list says when a file changed and was not applied.
 */
record ConfigFingerprint(String sha256) {

    /** No file at all. */
    static final ConfigFingerprint NONE = new ConfigFingerprint("");

    static ConfigFingerprint of(Map<String, String> raw) {
        if (raw.isEmpty()) {
            return NONE;
        }
        StringBuilder text = new StringBuilder();
        new TreeMap<>(raw).forEach((key, value) -> text.append(key).append('\u0000').append(value.strip()).append('\n'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return new ConfigFingerprint(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }
}
