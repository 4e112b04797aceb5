package org.opencpm.adapters.rest.json;

/** A request body that is not what the API accepts: malformed JSON, an unknown field, a wrong type. */
public final class JsonInputException extends RuntimeException {

    private final String field;

    public JsonInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field at fault (a dotted path such as {@code subject.identifiers[0].type}), or null for the whole body. */
    public String field() {
        return field;
    }
}
