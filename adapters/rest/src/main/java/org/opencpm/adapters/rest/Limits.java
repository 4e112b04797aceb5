package org.opencpm.adapters.rest;

import org.opencpm.adapters.rest.json.JsonInputException;

/** The {@code limit} query parameter of a listing: absent means the default, else a whole number in range, else 400. */
final class Limits {

    private Limits() {
    }

    static int parse(String value, int byDefault, int max) {
        if (value == null || value.isBlank()) {
            return byDefault;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new JsonInputException("limit", "must be a whole number from 1 to " + max);
    }
}
