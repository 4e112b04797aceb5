package org.opencpm.domain.notice;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.opencpm.domain.InvalidValueException;

/** The SHA-256 of a notice's text (UTF-8 bytes), as 64 lower-case hex digits. */
public record ContentHash(String hex) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public ContentHash {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new InvalidValueException("contentHash", "must be 64 lower-case hex digits (SHA-256)");
        }
    }

    /** Fingerprints {@code text} exactly as given: anyone can recompute it with {@code sha256sum}. */
    public static ContentHash of(String text) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return new ContentHash(HexFormat.of().formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return hex;
    }
}
