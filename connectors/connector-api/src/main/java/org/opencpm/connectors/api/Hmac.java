package org.opencpm.connectors.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The signing every platform needs in one place: HMAC and hashes as lower-case hex, and a constant-time compare. */
public final class Hmac {

    private Hmac() {
    }

    /** HMAC-SHA-256 of {@code text} (UTF-8) under {@code secret} (UTF-8), as lower-case hex. */
    public static String sha256Hex(String secret, String text) {
        return HexFormat.of().formatHex(sha256(secret.getBytes(StandardCharsets.UTF_8), text.getBytes(StandardCharsets.UTF_8)));
    }

    public static byte[] sha256(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java platform", e);
        }
    }

    /**
     * SHA-256 of {@code data} (no key), as lower-case hex: for the signatures that hash the body
     * before signing it, such as Alibaba Cloud's
     * {@code x-acs-content-sha256} (ACS3-HMAC-SHA256) and Tencent Cloud's hashed payload
     * (TC3-HMAC-SHA256), which the SMS connectors sign with.
     */
    public static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /** Whether two signatures are equal, taking the same time whatever they are (no timing oracle). */
    public static boolean equalsConstantTime(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
