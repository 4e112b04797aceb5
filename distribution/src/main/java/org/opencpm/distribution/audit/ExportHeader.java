package org.opencpm.distribution.audit;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.audit.AuditSelection;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/**
 * The first line of an NDJSON audit export, {@code {"kind":"export","partial":…,"filter":{…},
 * "subjectIds":[…]}} (ADR 0015), read strictly: the verifier must be able to check every event
 * against the filter, so a filter it does not know, or a header whose {@code partial} disagrees
 * with its filter, is refused — a header claiming partial without naming what was left out would
 * let anyone pass off a full export with lines deleted as "partial".
 *
 * @param echo the filter as the header states it, for the verdict ({@code subjectId=sub_x …})
 */
record ExportHeader(boolean partial, AuditSelection selection, String echo) {

    private static final List<String> FILTER_FIELDS = List.of("from", "to", "subjectId", "purpose", "type");

    /** @throws IllegalArgumentException saying what is wrong with the header */
    static ExportHeader read(JsonObject line) {
        JsonValue.ValueType flag = line.containsKey("partial") ? line.get("partial").getValueType() : JsonValue.ValueType.NULL;
        if (flag != JsonValue.ValueType.TRUE && flag != JsonValue.ValueType.FALSE) {
            throw new IllegalArgumentException("has no partial: true or false");
        }
        boolean partial = flag == JsonValue.ValueType.TRUE;
        if (!(line.get("filter") instanceof JsonObject filter)) {
            throw new IllegalArgumentException("has no filter object");
        }
        for (String key : filter.keySet()) {
            if (!FILTER_FIELDS.contains(key)) {
                throw new IllegalArgumentException("has a filter on '" + key + "', which this verifier cannot check");
            }
        }
        Optional<String> subject = text(filter, "subjectId");
        List<SubjectId> subjects = new ArrayList<>();
        if (line.get("subjectIds") instanceof JsonArray ids) {
            ids.getValuesAs(JsonString.class).forEach(id -> subjects.add(SubjectId.of(id.getString())));
        } else if (line.containsKey("subjectIds")) {
            throw new IllegalArgumentException("has subjectIds that are not a list");
        }
        if (subject.isPresent() ? !subjects.isEmpty() && !subjects.getFirst().value().equals(subject.get()) : !subjects.isEmpty()) {
            throw new IllegalArgumentException("names subjectIds that do not start with the filter's subjectId");
        }
        if (subject.isPresent() && subjects.isEmpty()) {
            subjects.add(SubjectId.of(subject.get()));
        }
        Set<AuditEventType> types = EnumSet.noneOf(AuditEventType.class);
        if (filter.get("type") instanceof JsonArray array) {
            array.getValuesAs(JsonString.class).forEach(type -> types.add(AuditEventType.parse(type.getString(), "type")));
        } else if (filter.containsKey("type")) {
            throw new IllegalArgumentException("has a type filter that is not a list");
        }
        AuditSelection selection = new AuditSelection(text(filter, "from").map(t -> OffsetDateTime.parse(t).toInstant()),
                text(filter, "to").map(t -> OffsetDateTime.parse(t).toInstant()), subjects, text(filter, "purpose").map(PurposeCode::of),
                types);
        if (partial && selection.everything()) {
            throw new IllegalArgumentException("claims partial: true but names no filter: nothing says which events were left out");
        }
        if (!partial && !selection.everything()) {
            throw new IllegalArgumentException("names a filter but claims partial: false");
        }
        return new ExportHeader(partial, selection, echo(filter, subjects));
    }

    private static Optional<String> text(JsonObject filter, String key) {
        if (!filter.containsKey(key)) {
            return Optional.empty();
        }
        if (!(filter.get(key) instanceof JsonString value)) {
            throw new IllegalArgumentException("has a filter " + key + " that is not a string");
        }
        return Optional.of(value.getString());
    }

    private static String echo(JsonObject filter, List<SubjectId> subjects) {
        List<String> parts = new ArrayList<>();
        for (String key : FILTER_FIELDS) {
            if (!filter.containsKey(key)) {
                continue;
            }
            JsonValue value = filter.get(key);
            String shown = value instanceof JsonString s ? s.getString()
                    : String.join(",", ((JsonArray) value).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
            parts.add(key + "=" + shown + (key.equals("subjectId") && subjects.size() > 1
                    ? " (with the records merged into it: " + String.join(", ", subjects.stream().skip(1).map(SubjectId::value).toList()) + ")"
                    : ""));
        }
        return String.join(" ", parts);
    }
}
