package org.opencpm.adapters.rest.self;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.opencpm.adapters.rest.json.ApiJson;
import org.opencpm.adapters.rest.json.ApiRequests;
import org.opencpm.adapters.rest.json.Fields;
import org.opencpm.adapters.rest.json.JsonInput;
import org.opencpm.adapters.rest.json.JsonInputException;
import org.opencpm.adapters.rest.json.Jsons;
import org.opencpm.adapters.rest.problem.Problem;
import org.opencpm.adapters.rest.security.ClientAddress;
import org.opencpm.application.port.in.ConsentReceipt;
import org.opencpm.application.port.in.SelfEvidence;
import org.opencpm.application.port.in.SelfOverview;
import org.opencpm.application.port.in.SelfServiceUseCase;
import org.opencpm.application.port.in.SelfSession;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.rights.RightsRequest;
import org.opencpm.domain.rights.RightsRequestType;

/**
 * {@code /api/v1/self}: the preference centre's API, for the one person its token names
 * ({@link SelfTokenAuthentication}). No path or body names a subject: the token is the only way
 * to say whom. Answers never carry an identifier of the person (no phone, no openid, not even the
 * subject id): only what the page shows.
 */
@ApplicationScoped
@Path("/api/v1/self")
@Produces(MediaType.APPLICATION_JSON)
public class SelfResource {

    private static final int MAX_USER_AGENT = 1000;

    @Inject
    SelfServiceUseCase self;

    /** Everything the page shows: purposes with their notices and states, preferences, open rights requests. */
    @GET
    public Response overview(@Context ContainerRequestContext request) {
        return ok(overviewJson(self.overview(session(request))));
    }

    /** {@code {"purpose", "action": "withdraw" | "grant"}}: one tap on one purpose. */
    @POST
    @Path("consents")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response consent(InputStream body, @Context ContainerRequestContext request) {
        SelfSession session = session(request);
        Fields f = JsonInput.object(body).allowOnly("purpose", "action");
        PurposeCode purpose = ApiRequests.purposeCode(f.requiredString("purpose"), f.path("purpose"));
        String action = f.requiredString("action");
        List<ConsentReceipt> receipts = switch (action) {
            case "withdraw" -> self.withdraw(session, purpose, evidence(request));
            case "grant" -> self.grant(session, purpose, evidence(request));
            default -> throw new JsonInputException("action", "must be withdraw or grant");
        };
        return ok(changes(receipts));
    }

    /** Withdraws every optional consent in force; the necessary ones stay. Takes no body (or {}). */
    @POST
    @Path("consents:withdraw-optional")
    public Response withdrawOptional(InputStream body, @Context ContainerRequestContext request) {
        SelfSession session = session(request);
        JsonInput.none(body);
        return ok(changes(self.withdrawAllOptional(session, evidence(request))));
    }

    /** Replaces the person's preferences (the body as for {@code PUT /api/v1/subjects/{id}/preferences}). */
    @PUT
    @Path("preferences")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response preferences(InputStream body, @Context ContainerRequestContext request) {
        SelfSession session = session(request);
        var wanted = ApiRequests.preferences(JsonInput.object(body));
        self.updatePreferences(session, wanted);
        return ok(ApiJson.preferences(wanted));
    }

    /** {@code {"type": "access" | "portability" | "deletion"}} → 201 with the request's status and due date. */
    @POST
    @Path("rights-requests")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response rightsRequest(InputStream body, @Context ContainerRequestContext request) {
        SelfSession session = session(request);
        Fields f = JsonInput.object(body).allowOnly("type");
        RightsRequestType type = RightsRequestType.parse(f.requiredString("type"), f.path("type"));
        RightsRequest recorded = self.requestRights(session, type);
        return Response.status(201).type(MediaType.APPLICATION_JSON).entity(rights(recorded).toString()).build();
    }

    private static SelfSession session(ContainerRequestContext request) {
        if (request.getProperty(SelfTokenAuthentication.SESSION) instanceof SelfSession session) {
            return session;
        }
        // never reached through the filter; a request that got here without a session is refused, not served
        throw new jakarta.ws.rs.WebApplicationException(Problem.response(401, "self-token-required", "send the link's token"));
    }

    private static SelfEvidence evidence(ContainerRequestContext request) {
        Optional<String> agent = Optional.ofNullable(request.getHeaderString(HttpHeaders.USER_AGENT))
                .map(SelfResource::printable).filter(a -> !a.isBlank())
                .map(a -> a.length() > MAX_USER_AGENT ? a.substring(0, MAX_USER_AGENT) : a);
        return new SelfEvidence(Optional.of(ClientAddress.of(request)), agent);
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return out.toString().strip();
    }

    static JsonObject overviewJson(SelfOverview overview) {
        JsonArrayBuilder purposes = Jsons.array();
        overview.purposes().forEach(entry -> purposes.add(purpose(entry)));
        JsonArrayBuilder requests = Jsons.array();
        overview.rightsRequests().forEach(r -> requests.add(rights(r)));
        return Jsons.object().add("purposes", purposes).add("preferences", ApiJson.preferences(overview.preferences()))
                .add("rightsRequests", requests).add("expiresAt", ApiJson.time(overview.sessionExpiresAt())).build();
    }

    private static JsonObject purpose(SelfOverview.PurposeEntry entry) {
        JsonObjectBuilder json = ApiJson.purposeSummary(entry.purpose()).add("consentBased", entry.purpose().requiresConsent())
                .add("withdrawable", entry.withdrawable()).add("grantable", entry.grantable());
        entry.state().ifPresent(s -> json.add("state", s.code()));
        entry.grantedAt().ifPresent(at -> json.add("grantedAt", ApiJson.time(at)));
        entry.expiresAt().ifPresent(at -> json.add("expiresAt", ApiJson.time(at)));
        entry.notice().ifPresent(n -> json.add("notice", ApiJson.noticeSummary(n)));
        return json.build();
    }

    static JsonObject rights(RightsRequest r) {
        return Jsons.object().add("requestId", r.id()).add("type", r.type().code()).add("status", r.status().code())
                .add("receivedAt", ApiJson.time(r.receivedAt())).add("dueAt", ApiJson.time(r.dueAt())).build();
    }

    private static JsonObject changes(List<ConsentReceipt> receipts) {
        JsonArrayBuilder changed = Jsons.array();
        receipts.forEach(r -> changed.add(Jsons.object().add("purpose", r.purpose().value()).add("state", r.state().code())
                .add("receiptId", r.receiptId()).add("recordedAt", ApiJson.time(r.recordedAt()))));
        return Jsons.object().add("changed", changed).build();
    }

    private static Response ok(JsonObject body) {
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON).build();
    }
}
