package org.opencpm.adapters.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.util.Optional;
import org.opencpm.adapters.rest.json.ApiRequests;
import org.opencpm.adapters.rest.json.Fields;
import org.opencpm.adapters.rest.json.JsonInput;
import org.opencpm.adapters.rest.json.JsonInputException;
import org.opencpm.adapters.rest.json.Jsons;
import org.opencpm.adapters.rest.security.Allowed;
import org.opencpm.adapters.rest.security.ApiKeyPrincipal;
import org.opencpm.application.port.in.EraseSubjectCommand;
import org.opencpm.application.port.in.EraseSubjectUseCase;
import org.opencpm.application.port.in.ErasureStatus;
import org.opencpm.application.port.in.Role;
import org.opencpm.domain.subject.SubjectId;

/**
 * Erasure of a person on their deletion request (PIPL Art. 47): {@code POST
 * /api/v1/subjects/{subjectId}:erase {"requestId"}} answers 202 with {@code erasing} while the
 * connectors carry it, {@code erased} once the person's data is unrecoverable. Sending it again is
 * safe: it answers where the erasure stands.
 */
@ApplicationScoped
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ErasureResource {

    @Inject
    EraseSubjectUseCase erasure;

    @POST
    @Path("subjects/{subjectId}:erase")
    @Allowed(Role.INTEGRATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response erase(@PathParam("subjectId") String subjectId, InputStream body, @Context SecurityContext caller) {
        SubjectId id = ApiRequests.subjectId(subjectId, "subjectId");
        Fields f = JsonInput.object(body).allowOnly("requestId");
        String requestId = f.requiredString("requestId");
        if (!RightsRequestsResource.REQUEST_ID.matcher(requestId).matches()) {
            throw new JsonInputException("requestId", "is not a rights request id");
        }
        ErasureStatus status = erasure.erase(new EraseSubjectCommand(id, EraseSubjectCommand.Reason.REQUEST, Optional.of(requestId),
                ApiKeyPrincipal.actorOf(caller)));
        return Responses.json(202, Jsons.object().add("subjectId", id.value()).add("status", status.code()).build());
    }
}
