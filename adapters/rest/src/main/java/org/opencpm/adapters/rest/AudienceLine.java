package org.opencpm.adapters.rest;

import java.util.Optional;
import java.util.regex.Pattern;
import org.opencpm.adapters.rest.stream.LineReader;
import org.opencpm.application.port.in.AudienceMember;
import org.opencpm.application.port.in.AudienceVerdict;
import org.opencpm.domain.Checks;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.decision.Decision;
import org.opencpm.domain.decision.Reason;
import org.opencpm.domain.subject.IdentifierType;

/**
 * One line of an audience: {@code type:value}, or {@code type:scope:value} for the types that take
 * a scope (an openid's app id), as {@link org.opencpm.domain.subject.Identifier#canonical()} writes
 * them; space around the line is ignored. For a type that takes a scope the text after the first
 * colon is split at the next one (a scope never holds a colon), so a scoped type's value that
 * holds a colon is written with an empty scope, {@code crm_id::a:b}. For a type without a scope
 * (phone, email) everything after the first colon is the value. The request's {@code scope}
 * parameter is the scope of every line of a scoped type that names none.
 */
final class AudienceLine {

    private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final IdentifierType[] TYPES = IdentifierType.values();
    private static final String[] CODES = java.util.Arrays.stream(TYPES).map(IdentifierType::code).toArray(String[]::new);
    private static final AudienceMember NOT_READ = new AudienceMember("", "", Optional.empty());

    private AudienceLine() {
    }

    /** The request's {@code scope} parameter, refused (400) unless it is a scope. */
    static String checkScope(String scope) {
        if (!SCOPE.matcher(scope).matches()) {
            throw new InvalidValueException("scope", "must be 1–64 of letters, digits, '.', '_', '-'");
        }
        return scope;
    }

    /** Whether the current line is text: UTF-8 without control characters (tabs and a CR aside). */
    static boolean looksLikeText(LineReader line) {
        Optional<String> text = line.text();
        return text.isPresent() && Checks.firstForbidden(text.get(), true) < 0;
    }

    /** Why the line cannot be an identifier before its type is even looked at, if so. */
    static Optional<String> unreadable(Optional<String> text, boolean tooLong) {
        if (tooLong) {
            return Optional.of("the line is longer than " + AudienceFilterResource.MAX_LINE_BYTES + " bytes");
        }
        if (text.isEmpty()) {
            return Optional.of("the line is not UTF-8");
        }
        if (text.get().indexOf(':') < 0) {
            return Optional.of("is not type:value (e.g. phone:13800138000)");
        }
        return Optional.empty();
    }

    /** The answer to a line that is no identifier at all: not allowed, and why. */
    static AudienceVerdict unreadableVerdict(long line, String why) {
        return new AudienceVerdict(line, NOT_READ, Decision.because(Reason.INVALID_IDENTIFIER), Optional.empty(), Optional.of(why));
    }

    /** The member a readable line (one with a colon) names; its type and value are checked when it is decided. */
    static AudienceMember member(String text, Optional<String> defaultScope) {
        String line = text.strip();
        int colon = line.indexOf(':');
        String type = line.substring(0, colon);
        String rest = line.substring(colon + 1);
        IdentifierType known = typeOf(type);
        if (known == null || known.scope() == IdentifierType.Scope.NONE) {
            return new AudienceMember(type, rest, Optional.empty());
        }
        int second = rest.indexOf(':');
        if (second < 0) {
            return new AudienceMember(type, rest, defaultScope);
        }
        String scope = rest.substring(0, second);
        return new AudienceMember(type, rest.substring(second + 1), scope.isEmpty() ? Optional.empty() : Optional.of(scope));
    }

    private static IdentifierType typeOf(String code) {
        for (int i = 0; i < CODES.length; i++) {
            if (CODES[i].equals(code)) {
                return TYPES[i];
            }
        }
        return null;
    }
}
