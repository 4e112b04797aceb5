package org.opencpm.domain.consent;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import org.opencpm.domain.InvalidValueException;

/**
 * The SHA-256 of an evidence attachment's bytes, by which it is stored, found and named in the
 * audit chain ({@code sha256:<64 lower-case hex digits>}): anyone holding the file can recompute it
 * with {@code sha256sum} and find the consent event it belongs to.
 */
public record AttachmentHash(String hex) {

    /** How the hash is written where it is not obvious which hash it is: the audit trail, the API. */
    public static final String PREFIX = "sha256:";
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public AttachmentHash {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new InvalidValueException("sha256", "must be 64 lower-case hex digits (SHA-256)");
        }
    }

    public static AttachmentHash of(byte[] content) {
        try {
            return new AttachmentHash(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** {@code text} as a hash: 64 hex digits in either case, with or without {@value #PREFIX} in front. */
    public static AttachmentHash parse(String text, String field) {
        String hex = text != null && text.startsWith(PREFIX) ? text.substring(PREFIX.length()) : text;
        if (hex == null || hex.length() != 64 || !HEX.matcher(hex.toLowerCase(Locale.ROOT)).matches()) {
            throw new InvalidValueException(field, "must be a SHA-256: 64 hex digits, optionally after '" + PREFIX + "'");
        }
        return new AttachmentHash(hex.toLowerCase(Locale.ROOT));
    }

    /** {@code sha256:<hex>}. */
    public String tagged() {
        return PREFIX + hex;
    }

    @Override
    public String toString() {
        return tagged();
    }
}
