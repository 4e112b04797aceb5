package org.opencpm.application.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The plain SHA-256 this package stores in place of a secret too random to need a salt or a slow
 * hash: console session ids and CSRF tokens, and API keys made before keyed hashes. Written once
 * so that a token hashed when it is issued and when it is presented always gives the same hex.
 */
final class Sha256 {

    private Sha256() {
    }

    /** Lower-case hex of the SHA-256 of {@code text}'s UTF-8 bytes. */
    static String hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
