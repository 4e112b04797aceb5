package org.opencpm.application.port.out;

import java.util.regex.Pattern;

/**
 * The keyed hash (HMAC-SHA-256 with the server's secret) of an identifier's canonical form, as
 * 64 hex digits. It is what identifiers are looked up by; without the secret it cannot be
 * reversed, even for the small space of phone numbers.
 */
public record IdentifierHash(String hex) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public IdentifierHash {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("an identifier hash is 64 lower-case hex digits");
        }
    }

    @Override
    public String toString() {
        return hex;
    }
}
