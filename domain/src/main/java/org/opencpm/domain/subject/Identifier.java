package org.opencpm.domain.subject;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.opencpm.domain.Checks;
import org.opencpm.domain.InvalidValueException;

/**
 * One way of recognising a subject, normalised: phones in E.164, e-mails case-folded, openids
 * with the app id they belong to. Two identifiers are equal exactly when they denote the same
 * account, so {@link #canonical()} is what gets hashed for lookup.
 *
 * <p>An identifier is personal information: its {@link #toString()} never shows the value.
 */
public record Identifier(IdentifierType type, String value, Optional<String> scope) {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern TOKEN = Pattern.compile("[^\\s\\p{Cntrl}]{1,128}");
    private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern UUID_SHAPED = Pattern.compile("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");

    /** Checks that the value is already normalised; use {@link #of} to normalise written input. */
    public Identifier {
        Checks.required(type, "type");
        Checks.required(value, "value");
        Checks.required(scope, "scope");
        if (!normalise(type, value, "value").equals(value)) {
            throw new InvalidValueException("value", "is not in normal form; build identifiers with Identifier.of");
        }
        scope = checkScope(type, scope.map(String::strip).filter(s -> !s.isEmpty()), "scope");
    }

    /** Normalises an identifier as a person or a system wrote it. {@code field} names it in errors. */
    public static Identifier of(IdentifierType type, String written, String scope, String field) {
        Checks.required(type, field + ".type");
        String value = normalise(type, written, field + ".value");
        return new Identifier(type, value, Optional.ofNullable(scope));
    }

    public static Identifier of(IdentifierType type, String written) {
        return of(type, written, null, "identifier");
    }

    public static Identifier phone(String written) {
        return of(IdentifierType.PHONE, written);
    }

    public static Identifier email(String written) {
        return of(IdentifierType.EMAIL, written);
    }

    public static Identifier wechatOpenid(String openid, String appId) {
        return of(IdentifierType.WECHAT_OPENID, openid, appId, "identifier");
    }

    /**
     * {@code type:scope:value} or {@code type:value}: the one string that stands for this account.
     * It is keyed-hashed for lookup and never stored or logged as is.
     */
    public String canonical() {
        return scope.map(s -> type.code() + ":" + s + ":" + value).orElseGet(() -> type.code() + ":" + value);
    }

    /** Hides the value: identifiers must never reach a log line. */
    @Override
    public String toString() {
        return "Identifier[" + type.code() + scope.map(s -> "@" + s).orElse("") + ", value hidden]";
    }

    private static String normalise(IdentifierType type, String written, String field) {
        if (written == null || written.isBlank()) {
            throw new InvalidValueException(field, "is required");
        }
        // Before anything is stripped or folded: "a\n" and "a" must not become one person.
        Checks.singleLine(written, field);
        String trimmed = written.strip();
        return switch (type) {
            case PHONE -> PhoneNumbers.normalise(trimmed, field);
            case EMAIL -> {
                String folded = trimmed.toLowerCase(Locale.ROOT);
                if (folded.length() > 254 || !EMAIL.matcher(folded).matches()) {
                    throw new InvalidValueException(field, "is not an e-mail address");
                }
                yield folded;
            }
            case DEVICE_ID -> {
                checkToken(trimmed, field);
                yield UUID_SHAPED.matcher(trimmed).matches() ? trimmed.toLowerCase(Locale.ROOT) : trimmed;
            }
            default -> checkToken(trimmed, field);
        };
    }

    private static String checkToken(String value, String field) {
        if (!TOKEN.matcher(value).matches()) {
            throw new InvalidValueException(field, "must be 1–128 characters without spaces or control characters");
        }
        return value;
    }

    private static Optional<String> checkScope(IdentifierType type, Optional<String> scope, String field) {
        switch (type.scope()) {
            case REQUIRED -> {
                if (scope.isEmpty()) {
                    throw new InvalidValueException(field, type.code() + " needs a scope (the app id it belongs to)");
                }
            }
            case NONE -> {
                if (scope.isPresent()) {
                    throw new InvalidValueException(field, type.code() + " takes no scope");
                }
            }
            case OPTIONAL -> {
            }
        }
        scope.ifPresent(s -> {
            if (!SCOPE.matcher(s).matches()) {
                throw new InvalidValueException(field, "must be 1–64 of letters, digits, '.', '_', '-'");
            }
        });
        return scope;
    }
}
