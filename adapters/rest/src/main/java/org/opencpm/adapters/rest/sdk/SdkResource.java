package org.opencpm.adapters.rest.sdk;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import org.opencpm.adapters.rest.Responses;
import org.opencpm.adapters.rest.json.ApiJson;
import org.opencpm.adapters.rest.json.ApiRequests;
import org.opencpm.adapters.rest.json.JsonInput;
import org.opencpm.adapters.rest.json.Jsons;
import org.opencpm.adapters.rest.problem.Problem;
import org.opencpm.adapters.rest.security.Allowed;
import org.opencpm.adapters.rest.security.ApiKeyPrincipal;
import org.opencpm.adapters.rest.security.ClientAddress;
import org.opencpm.application.port.in.ConsentReceipt;
import org.opencpm.application.port.in.ManagePurposesUseCase;
import org.opencpm.application.port.in.PublishNoticeUseCase;
import org.opencpm.application.port.in.RecordConsentResult;
import org.opencpm.application.port.in.RecordConsentUseCase;
import org.opencpm.application.port.in.Role;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.notice.NoticeRef;

/**
 * {@code /api/v1/sdk}: what the consent collection SDK needs and nothing more (ADR 0023).
 *
 * <ul>
 *   <li>{@code GET notices/{code}/versions/{version}}: the notice version with the purposes it
 *       covers, as published (public texts: PIPL Art. 17 has them shown to everyone);</li>
 *   <li>{@code POST consents}: one grant, denial or withdrawal ({@link SdkConsentEvent}), recorded
 *       only when the page showed the notice text now published under that version (its SHA-256,
 *       else 409 {@code notice-content-hash-mismatch}). The answer names the receipts and the
 *       state this event set, never the person's subject id or anything recorded before.</li>
 * </ul>
 */
@ApplicationScoped
@Path("/api/v1/sdk")
@Produces(MediaType.APPLICATION_JSON)
@Allowed(Role.COLLECTOR)
public class SdkResource {

    /** A consent event is small: identifiers, a few purposes, a user agent and a sentence or two. */
    static final long BODY_LIMIT = 16 * 1024;

    @Inject
    PublishNoticeUseCase notices;

    @Inject
    ManagePurposesUseCase purposes;

    @Inject
    RecordConsentUseCase consents;

    @GET
    @Path("notices/{code}/versions/{version}")
    public Response notice(@PathParam("code") String code, @PathParam("version") String version) {
        NoticeRef ref = ApiRequests.noticeRef(code, version);
        return notices.find(ref).map(n -> Responses.ok(publicNotice(n)))
                .orElseGet(() -> Problem.response(404, "unknown-notice", "notice " + ref + " is not published"));
    }

    @POST
    @Path("consents")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response record(InputStream body, @Context SecurityContext caller, @Context ContainerRequestContext request) {
        SdkConsentEvent event = SdkConsentEvent.read(JsonInput.object(body, BODY_LIMIT));
        Notice notice = notices.find(event.notice()).orElse(null);
        if (notice == null) {
            return Problem.response(404, "unknown-notice", "notice " + event.notice() + " is not published");
        }
        if (!notice.contentHash().hex().equals(event.contentHash())) {
            return Problem.response(409, "notice-content-hash-mismatch", "the dialog showed a text other than the one published as "
                    + event.notice() + " (its SHA-256 is " + notice.contentHash().hex() + "): load the notice again");
        }
        RecordConsentResult result = consents.record(event.command(ClientAddress.of(request),
                ApiKeyPrincipal.actorOf(caller)));
        JsonArrayBuilder receipts = Jsons.array();
        for (ConsentReceipt r : result.receipts()) {
            receipts.add(Jsons.object().add("receiptId", r.receiptId()).add("purpose", r.purpose().value())
                    .add("state", r.state().code()).add("recordedAt", ApiJson.time(r.recordedAt())));
        }
        return Responses.json(result.replayed() ? 200 : 201, Jsons.object().add("receipts", receipts).build());
    }

    private JsonObject publicNotice(Notice n) {
        JsonObjectBuilder json = Jsons.object(ApiJson.notice(n));
        JsonArrayBuilder covered = Jsons.array();
        n.sortedPurposes().forEach(code -> purposes.find(code).ifPresent(p -> covered.add(ApiJson.purpose(p))));
        return json.add("purposeDetails", covered).build();
    }
}
