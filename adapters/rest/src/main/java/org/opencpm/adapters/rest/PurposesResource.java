package org.opencpm.adapters.rest;

import org.opencpm.adapters.rest.json.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import org.opencpm.adapters.rest.json.ApiJson;
import org.opencpm.adapters.rest.json.ApiRequests;
import org.opencpm.adapters.rest.json.JsonInput;
import org.opencpm.adapters.rest.problem.Problem;
import org.opencpm.adapters.rest.security.Allowed;
import org.opencpm.adapters.rest.security.ApiKeyPrincipal;
import org.opencpm.application.port.in.DefinePurposeCommand;
import org.opencpm.application.port.in.ManagePurposesUseCase;
import org.opencpm.application.port.in.Role;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCode;

/** Purposes of processing: defined by an admin, read by every role. */
@ApplicationScoped
@Path("/api/v1/purposes")
@Produces(MediaType.APPLICATION_JSON)
public class PurposesResource {

    @Inject
    ManagePurposesUseCase purposes;

    @PUT
    @Path("{code}")
    @Allowed(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response define(@PathParam("code") String code, InputStream body, @Context SecurityContext caller) {
        PurposeCode purposeCode = ApiRequests.purposeCode(code, "code");
        Purpose purpose = ApiRequests.purpose(purposeCode, JsonInput.object(body));
        ManagePurposesUseCase.Defined defined = purposes.define(new DefinePurposeCommand(purpose, ApiKeyPrincipal.actorOf(caller)));
        return Responses.json(defined.created() ? 201 : 200, ApiJson.purpose(defined.purpose()));
    }

    @GET
    @Allowed({Role.INTEGRATOR, Role.AUDITOR})
    public Response list() {
        JsonArrayBuilder all = Jsons.array();
        purposes.all().forEach(p -> all.add(ApiJson.purpose(p)));
        return Responses.json(200, all.build());
    }

    @GET
    @Path("{code}")
    @Allowed({Role.INTEGRATOR, Role.AUDITOR})
    public Response get(@PathParam("code") String code) {
        return purposes.find(ApiRequests.purposeCode(code, "code"))
                .map(p -> Responses.ok(ApiJson.purpose(p)))
                .orElseGet(() -> Problem.response(404, "unknown-purpose", "purpose " + code + " is not defined"));
    }
}
