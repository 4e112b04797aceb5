package org.opencpm.domain;

import java.util.Locale;

/**
 * An enum whose constants have a lower-case wire code ({@code GRANTED} is {@code granted},
 * {@code CALL_CENTRE} is {@code call_centre}). The codes are part of the public contract.
 */
public interface Coded {

    /** The constant's name, lower-cased. */
    default String code() {
        return ((Enum<?>) this).name().toLowerCase(Locale.ROOT);
    }

    /**
     * Finds the constant of {@code type} whose code is {@code code}, or explains which codes are
     * accepted.
     */
    static <E extends Enum<E> & Coded> E parse(Class<E> type, String code, String field) {
        Checks.requiredText(code, field);
        for (E constant : type.getEnumConstants()) {
            if (constant.code().equals(code)) {
                return constant;
            }
        }
        StringBuilder accepted = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            if (!accepted.isEmpty()) {
                accepted.append(", ");
            }
            accepted.append(constant.code());
        }
        throw new InvalidValueException(field, "'" + code + "' is not one of: " + accepted);
    }
}
