package org.opencpm.adapters.rest;

import org.opencpm.adapters.rest.json.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.opencpm.adapters.rest.json.ApiJson;
import org.opencpm.adapters.rest.security.Allowed;
import org.opencpm.adapters.rest.problem.Problem;
import org.opencpm.application.port.in.AnchorAuditUseCase;
import org.opencpm.application.port.in.AuditExport;
import org.opencpm.application.port.in.AuditQuery;
import org.opencpm.application.port.in.ExportAuditUseCase;
import org.opencpm.application.port.in.Role;
import org.opencpm.application.port.in.VerifyAuditUseCase;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.Checkpoint;
import org.opencpm.domain.audit.CheckpointHead;
import org.opencpm.domain.audit.CheckpointKey;
import org.opencpm.domain.audit.VerificationResult;

/**
 * The audit trail: exported oldest first as NDJSON or CSV, streamed (a million events never sit in
 * memory), and verified in one call; signed checkpoints taken on demand and the public keys that
 * verify them (PIPL Art. 54–56).
 *
 * <p>An NDJSON export starts with a header line {@code {"kind":"export","partial":…,"filter":{…},…}}
 * ({@link AuditExportHeader}: what was asked, and whether events are left out) and ends with what
 * an offline verifier needs besides the events: a line {@code {"kind":"checkpoint",…}} per
 * checkpoint up to the export's last event and {@code {"kind":"publicKey",…}} per key (event lines carry no
 * {@code kind}). The checkpoints are read after the events, so one signed meanwhile over events
 * appended after the last page was read is left out: the offline verifier would take it for proof
 * that the file was cut. See ADR 0011 and ADR 0015. The export can be narrowed by time, subject, purpose and event type
 * ({@link AuditQueryParameters}), in both formats.
 */
@ApplicationScoped
@Path("/api/v1/audit")
@Allowed(Role.AUDITOR)
public class AuditResource {

    public static final String NDJSON = "application/x-ndjson";
    public static final String CSV = "text/csv";
    /** {@code true} on an export that leaves events out (a partial chain), in either format. */
    public static final String PARTIAL_HEADER = "OpenCPM-Export-Partial";
    private static final String[] CSV_COLUMNS = {"seq", "eventId", "type", "subjectId", "purpose", "state", "occurredAt",
            "recordedAt", "actor", "channel", "noticeCode", "noticeVersion", "details", "prevHash", "hash"};

    @Inject
    ExportAuditUseCase export;

    @Inject
    VerifyAuditUseCase verify;

    @Inject
    AnchorAuditUseCase anchor;

    @GET
    @Path("events")
    @Produces({NDJSON, CSV, MediaType.APPLICATION_JSON})
    public Response events(@Context UriInfo uri, @Context HttpHeaders headers) {
        AuditQuery query = AuditQueryParameters.read(uri.getQueryParameters());
        boolean csv = headers.getAcceptableMediaTypes().stream().findFirst()
                .map(type -> type.isCompatible(MediaType.valueOf(CSV)) && !type.isWildcardType()).orElse(false);
        AuditExport export = this.export.export(query); // validated and resolved before the first byte
        StreamingOutput body = out -> {
            try (Stream<AuditEvent> events = export.events();
                 Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024)) {
                Iterator<AuditEvent> iterator = events.iterator();
                if (csv) {
                    writer.write(String.join(",", CSV_COLUMNS));
                    writer.write("\r\n");
                } else {
                    writer.write(AuditExportHeader.of(export).toString());
                    writer.write('\n');
                }
                long lastSeq = 0;
                while (iterator.hasNext()) {
                    AuditEvent e = iterator.next();
                    lastSeq = e.seq();
                    if (csv) {
                        writeCsv(writer, e);
                    } else {
                        writer.write(ApiJson.auditEvent(e).toString());
                        writer.write('\n');
                    }
                }
                if (!csv) {
                    for (Checkpoint c : anchor.checkpoints()) {
                        if (c.head(CheckpointHead.MAIN).map(CheckpointHead::seq).orElse(0L) > lastSeq) {
                            continue; // signed after the last page was read, over events this file does not hold
                        }
                        writer.write(Jsons.object().add("kind", "checkpoint").addAll(Jsons.object(ApiJson.checkpoint(c))).build().toString());
                        writer.write('\n');
                    }
                    for (CheckpointKey k : anchor.publicKeys()) {
                        writer.write(Jsons.object().add("kind", "publicKey").addAll(Jsons.object(key(k))).build().toString());
                        writer.write('\n');
                    }
                }
            }
        };
        return Response.ok(body, csv ? CSV + "; charset=UTF-8" : NDJSON)
                .header(PARTIAL_HEADER, Boolean.toString(export.partial())).build();
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
        json.add("checkpoints", result.checkpoints()).add("anchoredThrough", result.anchoredThrough());
        result.note().ifPresent(note -> json.add("note", note));
        return Responses.ok(json.build());
    }

    /** Signs the chain's head now (also done every {@code opencpm.audit.checkpointSeconds}). */
    @POST
    @Path("checkpoints")
    @Allowed(Role.ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    public Response checkpoint(java.io.InputStream body) {
        org.opencpm.adapters.rest.json.JsonInput.none(body);
        return anchor.checkpoint().map(c -> Responses.created(ApiJson.checkpoint(c)))
                .orElseGet(() -> Problem.response(409, "audit-chain-empty", "the audit chain has no event yet: there is nothing to sign"));
    }

    @GET
    @Path("checkpoints")
    @Produces(MediaType.APPLICATION_JSON)
    public Response checkpoints() {
        JsonArrayBuilder list = Jsons.array();
        anchor.checkpoints().forEach(c -> list.add(ApiJson.checkpoint(c)));
        return Responses.json(200, list.build());
    }

    @GET
    @Path("public-keys")
    @Produces(MediaType.APPLICATION_JSON)
    public Response publicKeys() {
        JsonArrayBuilder list = Jsons.array();
        anchor.publicKeys().forEach(k -> list.add(key(k)));
        return Responses.json(200, list.build());
    }

    static JsonObject key(CheckpointKey k) {
        return Jsons.object().add("keyId", k.keyId()).add("algorithm", k.algorithm()).add("publicKeyPem", k.publicKeyPem())
                .add("validFrom", ApiJson.time(k.validFrom())).build();
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
