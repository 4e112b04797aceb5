package org.opencpm.adapters.rest;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.opencpm.adapters.rest.json.Fields;
import org.opencpm.application.port.in.AuditQuery;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/**
 * Reads the query of {@code GET /api/v1/audit/events} into an {@link AuditQuery}, refusing with a
 * 400 naming the parameter whatever it cannot take exactly as meant: an unknown parameter (a typo
 * such as {@code subject=} would otherwise export the whole trail as if filtered), a single-valued
 * one given twice, an empty filter (an empty {@code subjectId=} must not export everyone; an empty
 * {@code from} or {@code to} stays an open end, as it always was), a time that is not one, a malformed purpose code or subject id, an unknown event
 * type. {@code type} may repeat and each may be a comma list.
 *
 * <p>{@code subjectId} takes OpenCPM's pseudonymous id ({@code sub_…}), never an identifier: a value
 * of digits only (a phone number) is refused, and a refused value is not repeated in the answer.
 */
final class AuditQueryParameters {

    static final List<String> NAMES = List.of("from", "to", "subjectId", "purpose", "type");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private AuditQueryParameters() {
    }

    static AuditQuery read(MultivaluedMap<String, String> query) {
        for (String name : query.keySet()) {
            if (!NAMES.contains(name)) {
                // named back only when it reads like a parameter's name: a phone or an e-mail sent as one is not repeated
                String field = name.matches("[A-Za-z]{1,32}") ? name : "query";
                throw new InvalidValueException(field, (field.equals(name) ? "is not a parameter" : "names a parameter that is not one")
                        + " of the audit export; known: " + String.join(", ", NAMES));
            }
        }
        return new AuditQuery(single(query, "from").map(v -> Fields.instant(v, "from")), single(query, "to").map(v -> Fields.instant(v, "to")),
                single(query, "subjectId").map(AuditQueryParameters::subject), single(query, "purpose").map(AuditQueryParameters::purpose),
                types(query.get("type")));
    }

    private static Optional<String> single(MultivaluedMap<String, String> query, String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw new InvalidValueException(name, "is given " + values.size() + " times; give it once");
        }
        String value = values.getFirst();
        if (value.isBlank() && (name.equals("from") || name.equals("to"))) {
            return Optional.empty(); // an open end, as it always was
        }
        if (value.isBlank()) {
            throw new InvalidValueException(name, "is empty; leave it out to not filter by it");
        }
        return Optional.of(value);
    }

    private static SubjectId subject(String value) {
        if (DIGITS.matcher(value).matches()) {
            throw new InvalidValueException("subjectId", "looks like a phone number, not a subject id: identifiers never go in URLs; "
                    + "find the person's subject id (sub_…) with POST /api/v1/subjects:lookup");
        }
        try {
            return SubjectId.of(value);
        } catch (InvalidValueException malformed) {
            throw new InvalidValueException("subjectId", "is not a subject id (1–64 letters, digits, '_' or '-', e.g. sub_3f0c…; "
                    + "find it by identifiers with POST /api/v1/subjects:lookup)");
        }
    }

    private static PurposeCode purpose(String value) {
        try {
            return PurposeCode.of(value);
        } catch (InvalidValueException malformed) {
            throw new InvalidValueException("purpose", "is not a purpose code (1–64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit)");
        }
    }

    private static Set<AuditEventType> types(List<String> values) {
        if (values == null) {
            return Set.of();
        }
        Set<AuditEventType> types = EnumSet.noneOf(AuditEventType.class);
        for (String value : values) {
            for (String code : value.split(",", -1)) {
                if (code.isBlank()) {
                    throw new InvalidValueException("type", "has an empty entry; give event type codes such as consent_recorded");
                }
                types.add(AuditEventType.parse(code.trim(), "type"));
            }
        }
        return types;
    }
}
