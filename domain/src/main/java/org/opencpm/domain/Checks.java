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
