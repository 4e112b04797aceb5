package org.opencpm.domain.purpose;

import java.util.regex.Pattern;
import org.opencpm.domain.InvalidValueException;

/** The stable code of a purpose, e.g. {@code marketing-sms}: lower-case letters, digits, '-', '_', '.'. */
public record PurposeCode(String value) implements Comparable<PurposeCode> {

    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public PurposeCode {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidValueException("purpose",
                    "'" + value + "' is not a purpose code (1–64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit)");
        }
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
