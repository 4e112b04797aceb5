package org.opencpm.adapters.rest;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import org.opencpm.adapters.rest.json.ApiJson;
import org.opencpm.adapters.rest.json.Jsons;
import org.opencpm.application.port.in.AuditExport;
import org.opencpm.application.port.in.AuditQuery;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.subject.SubjectId;

/**
 * The first line of an NDJSON audit export (ADR 0015): {@code {"kind":"export","partial":…,
 * "filter":{…},"subjectIds":[…],"note":…}}. {@code filter} echoes the query as asked, under the
 * names of its parameters ({@code from}, {@code to}, {@code subjectId}, {@code purpose}, {@code
 * type}), so a reader sees what the file is meant to hold; {@code subjectIds} names the records a
 * subject filter covered (the person's and those merged into them). {@code partial} is true when
 * events are left out: the offline verifier then checks what a partial chain allows and says
 * that nothing proves completeness. The header is the exporter's statement, not signed.
 */
final class AuditExportHeader {

    static final String PARTIAL_NOTE = "a partial chain: links across the events left out cannot be checked from this file; "
            + "verify the full export (no filter) to prove that nothing is missing";

    private AuditExportHeader() {
    }

    static JsonObject of(AuditExport export) {
        AuditQuery q = export.query();
        JsonObjectBuilder filter = Jsons.object();
        q.from().ifPresent(from -> filter.add("from", exact(from)));
        q.to().ifPresent(to -> filter.add("to", exact(to)));
        q.subject().ifPresent(subject -> filter.add("subjectId", subject.value()));
        q.purpose().ifPresent(purpose -> filter.add("purpose", purpose.value()));
        if (!q.types().isEmpty()) {
            JsonArrayBuilder types = Jsons.array();
            q.types().stream().map(AuditEventType::code).forEach(types::add);
            filter.add("type", types);
        }
        JsonObjectBuilder header = Jsons.object().add("kind", "export").add("partial", export.partial()).add("filter", filter);
        if (!export.selection().subjects().isEmpty()) {
            JsonArrayBuilder ids = Jsons.array();
            export.selection().subjects().stream().map(SubjectId::value).forEach(ids::add);
            header.add("subjectIds", ids);
        }
        if (export.partial()) {
            header.add("note", PARTIAL_NOTE);
        }
        return header.build();
    }

    /**
     * A bound as asked, to the nanosecond when it is finer than the trail's milliseconds: truncated,
     * a {@code to} of 10:00:00.0005 would read 10:00:00.000 and exclude the event recorded at
     * 10:00:00.000 that the export holds, and the offline verifier would call a genuine export broken.
     */
    private static String exact(Instant bound) {
        return bound.getNano() % 1_000_000 == 0 ? ApiJson.time(bound) : bound.toString();
    }
}
