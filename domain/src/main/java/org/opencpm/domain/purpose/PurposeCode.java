package org.opencpm.domain.purpose;

import org.opencpm.domain.InvalidValueException;

/** The stable code of a purpose, e.g. {@code marketing-sms}: lower-case letters, digits, '-', '_', '.'. */
public record PurposeCode(String value) implements Comparable<PurposeCode> {

    public PurposeCode {
        if (!wellShaped(value)) {
            throw new InvalidValueException("purpose",
                    "'" + value + "' is not a purpose code (1–64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit)");
        }
    }

    /** {@code [a-z0-9][a-z0-9._-]{0,63}}, without a regular expression: every decision reads one (P3). */
    private static boolean wellShaped(String value) {
        if (value == null || value.isEmpty() || value.length() > 64) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean letterOrDigit = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
            if (!letterOrDigit && (i == 0 || c != '.' && c != '_' && c != '-')) {
                return false;
            }
        }
        return true;
    }

    public static PurposeCode of(String value) {
        return new PurposeCode(value);
    }

    @Override
    public int compareTo(PurposeCode other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
