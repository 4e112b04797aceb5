package org.opencpm.adapters.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.opencpm.adapters.rest.json.ApiRequests;
import org.opencpm.adapters.rest.json.SubjectExportJson;
import org.opencpm.adapters.rest.security.Allowed;
import org.opencpm.adapters.rest.security.ApiKeyPrincipal;
import org.opencpm.application.port.in.ExportSubjectUseCase;
import org.opencpm.application.port.in.Role;
import org.opencpm.application.port.in.SubjectExport;
import org.opencpm.domain.subject.SubjectId;

/**
 * A person's export (PIPL Art. 45 access and portability): everything OpenCPM holds about them as
 * one JSON file to download, streamed as it is read. The subject is checked and the export
 * recorded in their chain before the first byte, so an unknown subject is a 404 problem; a failure
 * after the document began cuts it off unfinished, with a line no JSON parser accepts, so that a
 * half document never passes for a whole one.
 *
 * <p>Roles: an integrator (or an admin). The export holds the person's identifiers and evidence in
 * clear; it is how the systems that answer the person's rights requests (the same keys that record,
 * start and complete them) hand the person their copy. An auditor verifies processing through the
 * chain and its hashes and does not need the person's data in clear (PIPL Art. 6 minimisation).
 */
@ApplicationScoped
@Path("/api/v1")
public class SubjectExportResource {

    private static final Logger LOG = Logger.getLogger(SubjectExportResource.class.getName());
    /** What follows a document cut off by a failure: not JSON, so a parser fails on it even if it was at a boundary. */
    static final String CUT_OFF = "\n!! the export failed before it was complete: discard this document\n";

    @Inject
    ExportSubjectUseCase exports;

    @GET
    @Path("subjects/{subjectId}/export")
    @Allowed(Role.INTEGRATOR)
    @Produces(MediaType.APPLICATION_JSON)
    public Response export(@PathParam("subjectId") String subjectId, @Context SecurityContext caller) {
        SubjectId id = ApiRequests.subjectId(subjectId, "subjectId");
        SubjectExport export = exports.export(id, ApiKeyPrincipal.actorOf(caller));
        StreamingOutput body = out -> write(export, out);
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .header("Content-Disposition", "attachment; filename=\"opencpm-export-" + id.value() + ".json\"")
                .build();
    }

    /**
     * Writes {@code export} to {@code out}. A failure leaves the document unclosed, followed by
     * {@link #CUT_OFF}; it is logged by its kind and place only (never its message, which may quote
     * data), and answered with an {@link IOException} so the server ends the response as failed.
     */
    static void write(SubjectExport export, OutputStream out) throws IOException {
        // never closed: the container ends the response, and a failure still has a line to add after it
        JsonGenerator json = Json.createGenerator(out);
        try {
            export.writeTo(new SubjectExportJson(json));
        } catch (RuntimeException failure) {
            StackTraceElement where = failure.getStackTrace().length == 0 ? null : failure.getStackTrace()[0];
            LOG.log(Level.WARNING, "A subject export failed after it began and was cut off unfinished: {0} at {1}",
                    new Object[] {failure.getClass().getName(), where});
            try {
                json.flush();
            } catch (RuntimeException unflushable) {
                // the generator itself failed: what it held is lost, the line below still spoils the document
            }
            out.write(CUT_OFF.getBytes(StandardCharsets.UTF_8));
            out.flush();
            throw new IOException("subject export cut off");
        }
    }
}
