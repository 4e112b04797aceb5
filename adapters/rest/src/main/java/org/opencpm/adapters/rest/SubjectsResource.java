package org.opencpm.adapters.rest;

import org.opencpm.adapters.rest.json.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.util.List;
import org.opencpm.adapters.rest.json.ApiJson;
import org.opencpm.adapters.rest.json.ApiRequests;
import org.opencpm.adapters.rest.json.Fields;
import org.opencpm.adapters.rest.json.JsonInput;
import org.opencpm.adapters.rest.json.JsonInputException;
import org.opencpm.adapters.rest.problem.Problem;
import org.opencpm.adapters.rest.security.Allowed;
import org.opencpm.adapters.rest.security.ApiKeyPrincipal;
import org.opencpm.application.port.in.LookupSubjectUseCase;
import org.opencpm.application.port.in.ManagePreferencesUseCase;
import org.opencpm.application.port.in.Role;
import org.opencpm.application.port.in.UpdatePreferencesCommand;
import org.opencpm.application.port.in.ViewSubjectUseCase;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;

/**
 * Subjects: found by identifiers sent in a body (never in a URL), their consents now, their
 * history oldest first with the audit hashes, and their preferences.
 */
@ApplicationScoped
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class SubjectsResource {

    @Inject
    LookupSubjectUseCase lookup;

    @Inject
    ViewSubjectUseCase subjects;

    @Inject
    ManagePreferencesUseCase preferences;

    @POST
    @Path("subjects:lookup")
    @Allowed({Role.INTEGRATOR, Role.AUDITOR})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response lookup(InputStream body) {
        Fields f = JsonInput.object(body).allowOnly("identifiers");
        List<Identifier> identifiers = ApiRequests.identifiers(f, "identifiers");
        if (identifiers.isEmpty()) {
            throw new JsonInputException("identifiers", "at least one identifier is required");
        }
        return lookup.lookup(identifiers)
                .map(id -> Responses.ok(Jsons.object().add("subjectId", id.value()).build()))
                .orElseGet(() -> Problem.response(404, "subject-not-found", "no subject has these identifiers"));
    }

    @GET
    @Path("subjects/{subjectId}/consents")
    @Allowed({Role.INTEGRATOR, Role.AUDITOR})
    public Response consents(@PathParam("subjectId") String subjectId) {
        return Responses.ok(ApiJson.consents(subjects.consentsOf(id(subjectId))));
    }

    @GET
    @Path("subjects/{subjectId}/history")
    @Allowed({Role.INTEGRATOR, Role.AUDITOR})
    public Response history(@PathParam("subjectId") String subjectId) {
        SubjectId id = id(subjectId);
        JsonArrayBuilder events = Jsons.array();
        subjects.historyOf(id).forEach(e -> events.add(ApiJson.historyEvent(e)));
        return Responses.ok(Jsons.object().add("subjectId", id.value()).add("events", events).build());
    }

    @GET
    @Path("subjects/{subjectId}/preferences")
    @Allowed({Role.INTEGRATOR, Role.AUDITOR})
    public Response preferencesOf(@PathParam("subjectId") String subjectId) {
        SubjectId id = id(subjectId);
        return Responses.ok(Jsons.object(ApiJson.preferences(preferences.preferencesOf(id))).add("subjectId", id.value()).build());
    }

    @PUT
    @Path("subjects/{subjectId}/preferences")
    @Allowed(Role.INTEGRATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response updatePreferences(@PathParam("subjectId") String subjectId, InputStream body, @Context SecurityContext caller) {
        SubjectId id = id(subjectId);
        Preferences wanted = ApiRequests.preferences(JsonInput.object(body));
        long version = preferences.update(new UpdatePreferencesCommand(id, wanted, CollectionChannel.API, ApiKeyPrincipal.actorOf(caller)));
        return Responses.ok(Jsons.object(ApiJson.preferences(wanted)).add("subjectId", id.value()).add("version", version).build());
    }

    private static SubjectId id(String value) {
        return ApiRequests.subjectId(value, "subjectId");
    }
}
