package org.opencpm.adapters.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import org.opencpm.adapters.rest.json.ApiJson;
import org.opencpm.adapters.rest.json.JsonInput;
import org.opencpm.adapters.rest.json.JsonInputException;
import org.opencpm.adapters.rest.json.ApiRequests;
import org.opencpm.adapters.rest.problem.Problem;
import org.opencpm.adapters.rest.security.Allowed;
import org.opencpm.adapters.rest.security.ApiKeyPrincipal;
import org.opencpm.application.port.in.PublishNoticeUseCase;
import org.opencpm.application.port.in.Role;
import org.opencpm.domain.notice.NoticeRef;

/** Notice versions: published once by an admin (201), identical republishing answered 200, read by every role. */
@ApplicationScoped
@Path("/api/v1/notices")
@Produces(MediaType.APPLICATION_JSON)
public class NoticesResource {

    @Inject
    PublishNoticeUseCase notices;

    @POST
    @Allowed(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response publish(InputStream body, @Context SecurityContext caller) {
        PublishNoticeUseCase.Published published = notices.publish(ApiRequests.notice(JsonInput.object(body), ApiKeyPrincipal.actorOf(caller)));
        return Responses.json(published.created() ? 201 : 200, ApiJson.notice(published.notice()));
    }

    @GET
    @Path("{code}/versions/{version}")
    @Allowed({Role.INTEGRATOR, Role.AUDITOR})
    public Response get(@PathParam("code") String code, @PathParam("version") String version) {
        NoticeRef ref;
        try {
            ref = NoticeRef.of(code, version);
        } catch (RuntimeException invalid) {
            throw new JsonInputException("notice", invalid.getMessage());
        }
        return notices.find(ref).map(n -> Responses.ok(ApiJson.notice(n)))
                .orElseGet(() -> Problem.response(404, "unknown-notice", "notice " + ref + " is not published"));
    }
}
