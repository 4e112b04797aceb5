package org.opencpm.domain;

/**
 * A value does not have the shape the domain needs: an unknown identifier type, a phone number
 * that is not one, a negative frequency cap. Names the offending field so that a client can be
 * told exactly what to fix.
 */
public final class InvalidValueException extends DomainException {

    private final String field;

    public InvalidValueException(String field, String message) {
        super("invalid-value", Kind.INVALID_INPUT, field + ": " + message);
        this.field = field;
    }

    /** The field that was wrong, as the client named it (e.g. {@code subject.identifiers[0].value}). */
    public String field() {
        return field;
    }

    /** The explanation without the field prefix. */
    public String reason() {
        String message = getMessage();
        return message.substring(field.length() + 2);
    }
}
