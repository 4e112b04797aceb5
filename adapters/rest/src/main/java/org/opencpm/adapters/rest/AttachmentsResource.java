package org.opencpm.adapters.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.opencpm.adapters.rest.json.ApiRequests;
import org.opencpm.adapters.rest.security.Allowed;
import org.opencpm.application.port.in.AttachmentFile;
import org.opencpm.application.port.in.Role;
import org.opencpm.application.port.in.ViewAttachmentUseCase;
import org.opencpm.domain.consent.AttachmentHash;
import org.opencpm.domain.consent.AttachmentMediaType;

/**
 * An evidence file of a person's consent events (a signature, a scanned form) by the hash the audit
 * chain names, for an auditor (or an admin) checking a consent: ADR 0013.
 *
 * <p>The file is someone else's upload served from our origin, so it is never rendered as a page
 * of ours: {@code Content-Disposition: attachment} (downloaded, not shown), {@code
 * X-Content-Type-Options: nosniff} (the declared type only, which the file's first bytes were
 * checked against), and a {@code Content-Security-Policy} that sandboxes it and lets it load and
 * run nothing, should a browser render it anyway (a PDF viewer, say). SVG, which is a document that
 * may carry script, is not accepted at all. {@code Cache-Control: no-store}: it is personal data.
 */
@ApplicationScoped
@Path("/api/v1")
public class AttachmentsResource {

    /** Nothing may run or load: no script, no plugin, no form, no fetch, no frame. */
    static final String SANDBOX = "sandbox; default-src 'none'; frame-ancestors 'none'";

    @Inject
    ViewAttachmentUseCase attachments;

    @GET
    @Path("subjects/{subjectId}/attachments/{sha256}")
    @Allowed(Role.AUDITOR)
    public Response attachment(@PathParam("subjectId") String subjectId, @PathParam("sha256") String sha256) {
        AttachmentFile file = attachments.attachment(ApiRequests.subjectId(subjectId, "subjectId"), AttachmentHash.parse(sha256, "sha256"));
        return Response.ok(file.content(), file.mediaType().value())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "attachment; filename=\"" + file.hash().hex() + extension(file.mediaType()) + "\"")
                .header("Content-Security-Policy", SANDBOX)
                .header("Cache-Control", "no-store")
                .build();
    }

    private static String extension(AttachmentMediaType type) {
        return switch (type) {
            case PNG -> ".png";
            case JPEG -> ".jpg";
            case PDF -> ".pdf";
        };
    }
}
