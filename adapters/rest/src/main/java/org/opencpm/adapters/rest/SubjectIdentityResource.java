package org.opencpm.adapters.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.util.List;
import org.opencpm.adapters.rest.json.ApiRequests;
import org.opencpm.adapters.rest.json.Fields;
import org.opencpm.adapters.rest.json.JsonInput;
import org.opencpm.adapters.rest.json.JsonInputException;
import org.opencpm.adapters.rest.json.Jsons;
import org.opencpm.adapters.rest.security.Allowed;
import org.opencpm.adapters.rest.security.ApiKeyPrincipal;
import org.opencpm.application.port.in.ManageIdentifiersUseCase;
import org.opencpm.application.port.in.ManageIdentifiersUseCase.IdentifiersChanged;
import org.opencpm.application.port.in.MergeSubjectsUseCase;
import org.opencpm.application.port.in.Role;
import org.opencpm.application.port.in.SubjectReference;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;

/**
 * Correcting who a person is (PIPL Art. 46): adding and removing a subject's identifiers (sent in
 * a body, never a URL; a DELETE too carries its identifiers in a JSON body), and merging two
 * subjects that turn out to be one person. Integrator keys only, like every other change of a
 * subject. The answers hold counts and subject ids, never an identifier.
 */
@ApplicationScoped
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class SubjectIdentityResource {

    @Inject
    ManageIdentifiersUseCase identifiers;

    @Inject
    MergeSubjectsUseCase merges;

    @POST
    @Path("subjects/{subjectId}/identifiers")
    @Allowed(Role.INTEGRATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@PathParam("subjectId") String subjectId, InputStream body, @Context SecurityContext caller) {
        SubjectId id = ApiRequests.subjectId(subjectId, "subjectId");
        IdentifiersChanged changed = identifiers.add(id, identifiersIn(body), ApiKeyPrincipal.actorOf(caller));
        return answer(changed, "added");
    }

    @DELETE
    @Path("subjects/{subjectId}/identifiers")
    @Allowed(Role.INTEGRATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response remove(@PathParam("subjectId") String subjectId, InputStream body, @Context SecurityContext caller) {
        SubjectId id = ApiRequests.subjectId(subjectId, "subjectId");
        IdentifiersChanged changed = identifiers.remove(id, identifiersIn(body), ApiKeyPrincipal.actorOf(caller));
        return answer(changed, "removed");
    }

    @POST
    @Path("subjects:merge")
    @Allowed(Role.INTEGRATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response merge(InputStream body, @Context SecurityContext caller) {
        Fields f = JsonInput.object(body).allowOnly("into", "from");
        SubjectId into = ApiRequests.subjectId(f.requiredString("into"), "into");
        SubjectId from = ApiRequests.subjectId(f.requiredString("from"), "from");
        MergeSubjectsUseCase.Merged merged = merges.merge(into, from, ApiKeyPrincipal.actorOf(caller));
        JsonArrayBuilder purposes = Jsons.array();
        merged.purposesCarried().forEach(p -> purposes.add(p.value()));
        return Responses.ok(Jsons.object()
                .add("subjectId", merged.into().value())
                .add("into", merged.into().value())
                .add("from", merged.from().value())
                .add("purposesCarried", purposes)
                .add("identifiersMoved", merged.identifiersMoved())
                .add("version", merged.version())
                .build());
    }

    private static List<Identifier> identifiersIn(InputStream body) {
        Fields f = JsonInput.object(body).allowOnly("identifiers");
        List<Identifier> list = ApiRequests.identifiers(f, "identifiers");
        if (list.isEmpty()) {
            throw new JsonInputException("identifiers", "at least one identifier is required");
        }
        if (list.size() > SubjectReference.MAX_IDENTIFIERS) {
            throw new JsonInputException("identifiers", "at most " + SubjectReference.MAX_IDENTIFIERS + " identifiers");
        }
        return list;
    }

    private static Response answer(IdentifiersChanged changed, String count) {
        return Responses.ok(Jsons.object()
                .add("subjectId", changed.subject().value())
                .add(count, changed.changed())
                .add("version", changed.version())
                .build());
    }
}
