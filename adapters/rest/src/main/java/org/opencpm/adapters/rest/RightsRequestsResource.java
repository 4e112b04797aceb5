package org.opencpm.adapters.rest;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.util.Optional;
import java.util.regex.Pattern;
import org.opencpm.adapters.rest.json.ApiJson;
import org.opencpm.adapters.rest.json.ApiRequests;
import org.opencpm.adapters.rest.json.Fields;
import org.opencpm.adapters.rest.json.JsonInput;
import org.opencpm.adapters.rest.json.JsonInputException;
import org.opencpm.adapters.rest.json.Jsons;
import org.opencpm.adapters.rest.security.Allowed;
import org.opencpm.adapters.rest.security.ApiKeyPrincipal;
import org.opencpm.application.RightsRequestNotFoundException;
import org.opencpm.application.port.in.ManageRightsRequestsUseCase;
import org.opencpm.application.port.in.RecordRightsRequestCommand;
import org.opencpm.application.port.in.RightsRequestQuery;
import org.opencpm.application.port.in.Role;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.rights.RightsRequest;
import org.opencpm.domain.rights.RightsRequestStatus;
import org.opencpm.domain.rights.RightsRequestType;
import org.opencpm.domain.rights.Verification;
import org.opencpm.domain.rights.VerificationMethod;

/**
 * {@code /api/v1/rights-requests}: people's rights requests (PIPL Art. 44–50) recorded with a due
 * date, moved {@code :start}, {@code :complete} or {@code :reject} (with a reason), listed oldest
 * due first. Recording and moving are the integrator's (the call centre's or preference centre's
 * back end that verified the person) and the admin's; an auditor may read. A person OpenCPM does
 * not know is answered 404 {@code subject-not-found}: the caller answers them itself.
 */
@ApplicationScoped
@Path("/api/v1")
public class RightsRequestsResource {

    /** Request ids are UUIDs; anything else cannot be one and is answered 404 unread. */
    static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final int DEFAULT_LIMIT = 100;

    @Inject
    ManageRightsRequestsUseCase requests;

    @POST
    @Path("rights-requests")
    @Allowed(Role.INTEGRATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response record(InputStream body, @Context SecurityContext caller) {
        Fields f = JsonInput.object(body).allowOnly("subject", "subjectId", "type", "channel", "verification", "note");
        Fields v = f.requiredObject("verification").allowOnly("method", "operator");
        RecordRightsRequestCommand command = new RecordRightsRequestCommand(ApiRequests.locator(f),
                RightsRequestType.parse(f.requiredString("type"), f.path("type")),
                channel(f.requiredString("channel"), f.path("channel")),
                new Verification(VerificationMethod.parse(v.requiredString("method"), v.path("method")), v.optionalString("operator")),
                f.optionalString("note"), ApiKeyPrincipal.actorOf(caller));
        RightsRequest r = requests.record(command);
        return Responses.created(json(r));
    }

    @GET
    @Path("rights-requests")
    @Allowed({Role.INTEGRATOR, Role.AUDITOR})
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@QueryParam("status") String status, @QueryParam("overdue") String overdue,
                         @QueryParam("limit") String limit) {
        RightsRequestQuery query = new RightsRequestQuery(
                Optional.ofNullable(status).map(s -> RightsRequestStatus.parse(s, "status")),
                flag(overdue), limit == null ? DEFAULT_LIMIT : number(limit));
        JsonArrayBuilder list = Jsons.array();
        requests.list(query).forEach(r -> list.add(json(r)));
        return Responses.ok(Jsons.object().add("requests", list).build());
    }

    @GET
    @Path("rights-requests/{requestId}")
    @Allowed({Role.INTEGRATOR, Role.AUDITOR})
    @Produces(MediaType.APPLICATION_JSON)
    public Response find(@PathParam("requestId") String requestId) {
        return Responses.ok(json(requests.find(checked(requestId))));
    }

    @POST
    @Path("rights-requests/{requestId}:start")
    @Allowed(Role.INTEGRATOR)
    @Produces(MediaType.APPLICATION_JSON)
    public Response start(@PathParam("requestId") String requestId, @Context SecurityContext caller) {
        return Responses.ok(json(requests.start(checked(requestId), ApiKeyPrincipal.actorOf(caller))));
    }

    @POST
    @Path("rights-requests/{requestId}:complete")
    @Allowed(Role.INTEGRATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response complete(@PathParam("requestId") String requestId, InputStream body, @Context SecurityContext caller) {
        String id = checked(requestId);
        Fields f = JsonInput.object(body).allowOnly("note");
        return Responses.ok(json(requests.complete(id, f.optionalString("note"), ApiKeyPrincipal.actorOf(caller))));
    }

    @POST
    @Path("rights-requests/{requestId}:reject")
    @Allowed(Role.INTEGRATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response reject(@PathParam("requestId") String requestId, InputStream body, @Context SecurityContext caller) {
        String id = checked(requestId);
        Fields f = JsonInput.object(body).allowOnly("reason");
        return Responses.ok(json(requests.reject(id, f.requiredString("reason"), ApiKeyPrincipal.actorOf(caller))));
    }

    private static String checked(String requestId) {
        if (!REQUEST_ID.matcher(requestId).matches()) {
            throw new RightsRequestNotFoundException("(malformed id)");
        }
        return requestId;
    }

    /**
     * The channel, as consents name it ({@code preference_centre}, {@code call_centre}, …); the
     * API design's spellings {@code preference_center} and {@code call_center} are accepted too.
     */
    private static CollectionChannel channel(String code, String field) {
        return switch (code) {
            case "preference_center" -> CollectionChannel.PREFERENCE_CENTRE;
            case "call_center" -> CollectionChannel.CALL_CENTRE;
            default -> CollectionChannel.parse(code, field);
        };
    }

    private static boolean flag(String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new JsonInputException("overdue", "must be true or false");
    }

    private static int number(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new JsonInputException("limit", "must be a whole number");
        }
    }

    static JsonObject json(RightsRequest r) {
        JsonObjectBuilder json = Jsons.object().add("requestId", r.id()).add("subjectId", r.subject().value())
                .add("type", r.type().code()).add("status", r.status().code()).add("channel", r.channel().code());
        JsonObjectBuilder verification = Jsons.object().add("method", r.verification().method().code());
        r.verification().operator().ifPresent(operator -> verification.add("operator", operator));
        json.add("verification", verification);
        r.note().ifPresent(note -> json.add("note", note));
        json.add("receivedAt", ApiJson.time(r.receivedAt())).add("dueAt", ApiJson.time(r.dueAt()));
        r.closedAt().ifPresent(at -> json.add("closedAt", ApiJson.time(at)));
        r.resolution().ifPresent(text -> json.add(r.status() == RightsRequestStatus.REJECTED ? "reason" : "resolution", text));
        return json.build();
    }
}
