package org.opencpm.application.port.out;

/**
 * The keyed hash (HMAC-SHA-256 with the server's secret) of an identifier's canonical form, as
 * 64 hex digits. It is what identifiers are looked up by; without the secret it cannot be
 * reversed, even for the small space of phone numbers.
 */
public record IdentifierHash(String hex) {

    private static final boolean[] HEX_DIGIT = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            HEX_DIGIT[c] = true;
        }
        for (char c = 'a'; c <= 'f'; c++) {
            HEX_DIGIT[c] = true;
        }
    }

    public IdentifierHash {
        if (!isHex64(hex)) {
            throw new IllegalArgumentException("an identifier hash is 64 lower-case hex digits");
        }
    }

    /**
     * Whether {@code text} is 64 lower-case hex digits. A loop, not a regular expression: a hash is
     * made for every line of an audience filter, and {@code [0-9a-f]{64}} took 40 % of its time.
     */
    private static boolean isHex64(String text) {
        if (text == null || text.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = text.charAt(i);
            if (c >= 128 || !HEX_DIGIT[c]) {
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
