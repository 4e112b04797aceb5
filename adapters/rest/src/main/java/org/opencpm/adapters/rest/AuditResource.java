package org.opencpm.adapters.rest;

import org.opencpm.adapters.rest.json.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.opencpm.adapters.rest.json.ApiJson;
import org.opencpm.adapters.rest.json.Fields;
import org.opencpm.adapters.rest.security.Allowed;
import org.opencpm.application.port.in.AuditQuery;
import org.opencpm.application.port.in.ExportAuditUseCase;
import org.opencpm.application.port.in.Role;
import org.opencpm.application.port.in.VerifyAuditUseCase;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.VerificationResult;

/**
 * The audit trail: exported oldest first as NDJSON or CSV, streamed (a million events never sit in
 * memory), and verified in one call.
 */
@ApplicationScoped
@Path("/api/v1/audit")
@Allowed(Role.AUDITOR)
public class AuditResource {

    public static final String NDJSON = "application/x-ndjson";
    public static final String CSV = "text/csv";
    private static final String[] CSV_COLUMNS = {"seq", "eventId", "type", "subjectId", "purpose", "state", "occurredAt",
            "recordedAt", "actor", "channel", "noticeCode", "noticeVersion", "details", "prevHash", "hash"};

    @Inject
    ExportAuditUseCase export;

    @Inject
    VerifyAuditUseCase verify;

    @GET
    @Path("events")
    @Produces({NDJSON, CSV, MediaType.APPLICATION_JSON})
    public Response events(@QueryParam("from") String from, @QueryParam("to") String to, @Context HttpHeaders headers) {
        AuditQuery query = new AuditQuery(instant(from, "from"), instant(to, "to"));
        boolean csv = headers.getAcceptableMediaTypes().stream().findFirst()
                .map(type -> type.isCompatible(MediaType.valueOf(CSV)) && !type.isWildcardType()).orElse(false);
        StreamingOutput body = out -> {
            try (Stream<AuditEvent> events = export.export(query);
                 Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024)) {
                Iterator<AuditEvent> iterator = events.iterator();
                if (csv) {
                    writer.write(String.join(",", CSV_COLUMNS));
                    writer.write("\r\n");
                }
                while (iterator.hasNext()) {
                    AuditEvent e = iterator.next();
                    if (csv) {
                        writeCsv(writer, e);
                    } else {
                        writer.write(ApiJson.auditEvent(e).toString());
                        writer.write('\n');
                    }
                }
            }
        };
        return Response.ok(body, csv ? CSV + "; charset=UTF-8" : NDJSON).build();
    }

    @GET
    @Path("verify")
    @Produces(MediaType.APPLICATION_JSON)
    public Response verify() {
        VerificationResult result = verify.verify();
        JsonObjectBuilder json = Jsons.object().add("valid", result.valid()).add("events", result.events());
        result.lastHash().ifPresent(hash -> json.add("lastHash", hash));
        result.brokenAt().ifPresent(seq -> json.add("brokenAt", seq));
        result.problem().ifPresent(problem -> json.add("problem", problem));
        return Responses.ok(json.build());
    }

    private static Optional<Instant> instant(String value, String field) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Fields.instant(value, field));
    }

    private static void writeCsv(Writer w, AuditEvent e) throws IOException {
        JsonObjectBuilder details = Jsons.object();
        new TreeMap<>(e.details()).forEach(details::add);
        String[] values = {Long.toString(e.seq()), e.eventId(), e.type().code(), e.subjectId(), e.purpose(), e.state(),
                ApiJson.time(e.occurredAt()), ApiJson.time(e.recordedAt()), e.actor(), e.channel(), e.noticeCode(),
                e.noticeVersion(), details.build().toString(), e.prevHash(), e.hash()};
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(csvField(values[i]));
        }
        w.write("\r\n");
    }

    /** RFC 4180 quoting, and a leading quote mark for cells a spreadsheet would run as formulas. */
    static String csvField(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
