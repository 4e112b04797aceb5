package org.opencpm.adapters.rest;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Optional;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.purpose.PurposeCode;

/**
 * A query held to the same strictness as a JSON body, read before anything is answered: an unknown
 * parameter (a typo such as {@code purpse=} would otherwise be a request without it, or an audit
 * export of everyone as if filtered), a single-valued parameter given twice or empty, each a 400
 * naming it. Used where the query carries the options: the streaming endpoints
 * ({@code decisions:filter}, {@code datasets:gate}, whose body is the data) and the audit export.
 */
final class QueryParameters {

    private final MultivaluedMap<String, String> query;

    private QueryParameters(MultivaluedMap<String, String> query) {
        this.query = query;
    }

    /** The query, refused with a 400 when it holds a parameter not in {@code names}. */
    static QueryParameters read(MultivaluedMap<String, String> query, List<String> names, String endpoint) {
        for (String name : query.keySet()) {
            if (!names.contains(name)) {
                // named back only when it reads like a parameter's name: a phone or an e-mail sent as one is not repeated
                String field = name.matches("[A-Za-z]{1,32}") ? name : "query";
                throw new InvalidValueException(field, (field.equals(name) ? "is not a parameter" : "names a parameter that is not one")
                        + " of " + endpoint + "; known: " + String.join(", ", names));
            }
        }
        return new QueryParameters(query);
    }

    /** The parameter's single value, if given. */
    Optional<String> optional(String name) {
        return optional(name, false);
    }

    /**
     * The parameter's single value, if given; when {@code blankIsAbsent}, an empty value counts as
     * not given (an open end of a time range, as it always was) instead of being refused.
     */
    Optional<String> optional(String name, boolean blankIsAbsent) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw new InvalidValueException(name, "is given " + values.size() + " times; give it once");
        }
        String value = values.getFirst();
        if (value.isBlank() && blankIsAbsent) {
            return Optional.empty();
        }
        if (value.isBlank()) {
            throw new InvalidValueException(name, "is empty; leave it out, or give a value");
        }
        return Optional.of(value);
    }

    String required(String name) {
        return optional(name).orElseThrow(() -> new InvalidValueException(name, "is required"));
    }

    /** The values of a parameter that may repeat (none when absent). */
    List<String> all(String name) {
        List<String> values = query.get(name);
        return values == null ? List.of() : values;
    }

    PurposeCode purpose() {
        return purpose(required("purpose"));
    }

    static PurposeCode purpose(String value) {
        try {
            return PurposeCode.of(value);
        } catch (InvalidValueException malformed) {
            throw new InvalidValueException("purpose", "is not a purpose code (1–64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit)");
        }
    }
}
