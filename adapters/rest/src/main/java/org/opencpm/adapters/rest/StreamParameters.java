package org.opencpm.adapters.rest;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Optional;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.purpose.PurposeCode;

/**
 * The query of a streaming endpoint ({@code decisions:filter}, {@code datasets:gate}), which carries
 * all the options because the body is the data: read before anything is answered and held to the
 * same strictness as a JSON body — an unknown parameter (a typo such as {@code purpse=} would
 * otherwise be a request without it), a parameter given twice or empty, each a 400 naming it.
 */
final class StreamParameters {

    private final MultivaluedMap<String, String> query;

    private StreamParameters(MultivaluedMap<String, String> query) {
        this.query = query;
    }

    /** The query, refused with a 400 when it holds a parameter not in {@code names}. */
    static StreamParameters read(MultivaluedMap<String, String> query, List<String> names, String endpoint) {
        for (String name : query.keySet()) {
            if (!names.contains(name)) {
                // named back only when it reads like a parameter's name: a phone or an e-mail sent as one is not repeated
                String field = name.matches("[A-Za-z]{1,32}") ? name : "query";
                throw new InvalidValueException(field, (field.equals(name) ? "is not a parameter" : "names a parameter that is not one")
                        + " of " + endpoint + "; known: " + String.join(", ", names));
            }
        }
        return new StreamParameters(query);
    }

    Optional<String> optional(String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw new InvalidValueException(name, "is given " + values.size() + " times; give it once");
        }
        String value = values.getFirst();
        if (value.isBlank()) {
            throw new InvalidValueException(name, "is empty; leave it out, or give a value");
        }
        return Optional.of(value);
    }

    String required(String name) {
        return optional(name).orElseThrow(() -> new InvalidValueException(name, "is required"));
    }

    PurposeCode purpose() {
        String value = required("purpose");
        try {
            return PurposeCode.of(value);
        } catch (InvalidValueException malformed) {
            throw new InvalidValueException("purpose", "is not a purpose code (1–64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit)");
        }
    }
}
