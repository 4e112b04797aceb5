package org.opencpm.application.port.out;

/**
 * The keyed hash (HMAC-SHA-256 with the server's secret) of an identifier's canonical form, as
 * 64 hex digits. It is what identifiers are looked up by; without the secret it cannot be
 * reversed, even for the small space of phone numbers.
 */
public record IdentifierHash(String hex) {


    public IdentifierHash {
        if (hex == null || !wellFormed(hex)) {
            throw new IllegalArgumentException("an identifier hash is 64 lower-case hex digits");
        }
    }

    /** {@code [0-9a-f]{64}}, checked by hand: one is made on every lookup by identifier. */
    private static boolean wellFormed(String hex) {
        if (hex.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = hex.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return hex;
    }
}
