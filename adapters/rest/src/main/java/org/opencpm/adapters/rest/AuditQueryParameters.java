package org.opencpm.adapters.rest;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.opencpm.adapters.rest.json.Fields;
import org.opencpm.application.port.in.AuditQuery;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.audit.AuditEventType;
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

    static AuditQuery read(MultivaluedMap<String, String> uriQuery) {
        QueryParameters query = QueryParameters.read(uriQuery, NAMES, "the audit export");
        return new AuditQuery(query.optional("from", true).map(v -> Fields.instant(v, "from")),
                query.optional("to", true).map(v -> Fields.instant(v, "to")),
                query.optional("subjectId").map(AuditQueryParameters::subject), query.optional("purpose").map(QueryParameters::purpose),
                types(query.all("type")));
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

    private static Set<AuditEventType> types(List<String> values) {
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
