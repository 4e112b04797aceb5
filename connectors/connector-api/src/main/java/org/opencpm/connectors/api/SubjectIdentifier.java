package org.opencpm.connectors.api;

import java.util.Objects;
import java.util.Optional;

/**
 * An identifier of a subject ({@code type} one of {@link IdentifierType}'s codes), in OpenCPM's normal form ({@code phone} as E.164, e-mails lower-case).
 * Its {@link #toString()} hides the value: identifiers never reach a log.
 *
 * @param scope the app id of an openid, when it has one
 */
public record SubjectIdentifier(String type, String value, Optional<String> scope) {

    public SubjectIdentifier {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(scope, "scope");
    }

    public static SubjectIdentifier of(String type, String value) {
        return new SubjectIdentifier(type, value, Optional.empty());
    }

    /** An identifier of a type that needs no scope (since 1.2.0). */
    public static SubjectIdentifier of(IdentifierType type, String value) {
        return of(type.code(), value);
    }

    /** An identifier with its scope: a WeChat openid with its app id (since 1.2.0). */
    public static SubjectIdentifier scoped(IdentifierType type, String value, String scope) {
        return new SubjectIdentifier(type.code(), value, Optional.of(scope));
    }

    @Override
    public String toString() {
        return "SubjectIdentifier[" + type + scope.map(s -> "@" + s).orElse("") + ", value hidden]";
    }
}
