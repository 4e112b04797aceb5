package org.opencpm.domain;

import java.util.Objects;

/**
 * A command broke a rule of the domain. Each subclass stands for one rule and carries a stable
 * {@link #code()} that clients can rely on (it becomes the problem type of an HTTP error), and a
 * {@link #kind()} that says what sort of failure it is.
 */
public abstract class DomainException extends RuntimeException {

    /** What sort of failure a rule violation is; adapters map kinds to protocol status codes. */
    public enum Kind {
        /** The input itself is malformed (a phone that is not a phone). */
        INVALID_INPUT,
        /** Well-formed, but a consent rule forbids it. */
        RULE_VIOLATION,
        /** It contradicts what is already recorded. */
        CONFLICT,
        /** It refers to something that does not exist. */
        NOT_FOUND,
        /** It refers to something that existed and is gone for good (an erased person). */
        GONE
    }

    private final String code;
    private final Kind kind;

    protected DomainException(String code, Kind kind, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** Stable, kebab-case identifier of the rule that was broken, e.g. {@code guardian-required}. */
    public String code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }
}
