package org.opencpm.domain;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small argument checks shared by the domain's constructors. Each names the field it checks. */
public final class Checks {

    private Checks() {
    }

    public static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
        return value;
    }

    public static String requiredText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(field, "is required and must not be blank");
        }
        return value;
    }

    public static String maxLength(String value, int max, String field) {
        if (value != null && value.length() > max) {
            throw new InvalidValueException(field, "must be at most " + max + " characters");
        }
        return value;
    }

    /**
     * A name, code or identifier: one line of text, so no control character at all (no NUL, ESC,
     * CR, LF, tab), no line or paragraph separator and no half of a surrogate pair. Such characters
     * make two different values print, log or compare alike, or forge lines in logs and exports.
     */
    public static String singleLine(String value, String field) {
        if (value != null) {
            int bad = firstForbidden(value, false);
            if (bad >= 0) {
                throw new InvalidValueException(field, "must not contain control characters (found U+"
                        + String.format("%04X", (int) value.charAt(bad)) + " at position " + bad + ")");
            }
        }
        return value;
    }

    /**
     * Free text (a notice's content, a description, evidence): line breaks and tabs are allowed,
     * other control characters and half surrogate pairs are not.
     */
    public static String text(String value, String field) {
        if (value != null) {
            int bad = firstForbidden(value, true);
            if (bad >= 0) {
                throw new InvalidValueException(field, "must not contain control characters other than line breaks and tabs (found U+"
                        + String.format("%04X", (int) value.charAt(bad)) + " at position " + bad + ")");
            }
        }
        return value;
    }

    /** The index of the first character not allowed in a single line (or in free text), or -1. */
    public static int firstForbidden(String value, boolean multiLine) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
            boolean lineBreak = c == '\n' || c == '\r' || c == '\t';
            if ((Character.isISOControl(c) && !(multiLine && lineBreak)) || (!multiLine && (c == '\u2028' || c == '\u2029'))) {
                return i;
            }
        }
        return -1;
    }

    public static int positive(int value, String field) {
        if (value <= 0) {
            throw new InvalidValueException(field, "must be positive");
        }
        return value;
    }

    public static <T> List<T> copyOf(List<T> values, String field) {
        required(values, field);
        for (T v : values) {
            required(v, field + "[]");
        }
        return List.copyOf(values);
    }

    public static <T> Set<T> copyOf(Set<T> values, String field) {
        required(values, field);
        return Set.copyOf(values);
    }

    public static <K, V> Map<K, V> copyOf(Map<K, V> values, String field) {
        required(values, field);
        return Map.copyOf(values);
    }

    public static <T extends Collection<?>> T notEmpty(T values, String field) {
        required(values, field);
        if (values.isEmpty()) {
            throw new InvalidValueException(field, "must not be empty");
        }
        return values;
    }
}
