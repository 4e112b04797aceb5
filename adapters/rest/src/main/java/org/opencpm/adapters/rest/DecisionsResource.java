package org.opencpm.adapters.rest;

import org.opencpm.adapters.rest.json.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import org.eclipse.microprofile.metrics.annotation.Counted;
import org.opencpm.adapters.rest.json.ApiJson;
import org.opencpm.adapters.rest.json.ApiRequests;
import org.opencpm.adapters.rest.json.Fields;
import org.opencpm.adapters.rest.json.JsonInput;
import org.opencpm.adapters.rest.security.Allowed;
import org.opencpm.adapters.rest.security.ApiKeyPrincipal;
import org.opencpm.application.port.in.DecideUseCase;
import org.opencpm.application.port.in.ReportRiskUseCase;
import org.opencpm.application.port.in.DecisionResult;
import org.opencpm.application.port.in.IssueSendPermitUseCase;
import org.opencpm.application.port.in.Role;
import org.opencpm.application.port.in.SendPermit;
import org.opencpm.application.port.in.SendPermitCommand;
import org.opencpm.domain.preference.ContactChannel;

/** Usage control: may this use happen now (decisions), may this message be sent now (send permits). */
@ApplicationScoped
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Allowed(Role.INTEGRATOR)
public class DecisionsResource {

    @Inject
    DecideUseCase decisions;

    @Inject
    IssueSendPermitUseCase permits;

    @Inject
    ReportRiskUseCase risks;

    @POST
    @Path("decisions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Counted(name = "opencpm_decisions", absolute = true, description = "Single decisions asked for")
    public Response decide(InputStream body, @Context SecurityContext caller) {
        DecisionResult result = decisions.decide(ApiRequests.decision(JsonInput.object(body)));
        if (!result.decision().allowed() && caller.getUserPrincipal() instanceof ApiKeyPrincipal key) {
            risks.decisionDenied(key.getName()); // the key's id: a key that keeps asking for denied uses is a risk alert
        }
        JsonObjectBuilder json = Jsons.object()
                .add("allowed", result.decision().allowed())
                .add("reason", result.decision().reason().code());
        result.subjectId().ifPresent(id -> json.add("subjectId", id.value()));
        return Responses.ok(json.build());
    }

    @POST
    @Path("send-permits")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response sendPermit(InputStream body, @Context SecurityContext caller) {
        Fields f = JsonInput.object(body).allowOnly("subject", "subjectId", "purpose", "channel", "topic");
        SendPermit permit = permits.issue(new SendPermitCommand(ApiRequests.locator(f),
                ApiRequests.purposeCode(f.requiredString("purpose"), f.path("purpose")),
                ContactChannel.parse(f.requiredString("channel"), f.path("channel")), f.optionalString("topic"),
                ApiKeyPrincipal.actorOf(caller)));
        JsonObjectBuilder json = Jsons.object().add("granted", permit.granted()).add("reason", permit.reason().code())
                .add("decidedAt", ApiJson.time(permit.decidedAt()));
        permit.permitId().ifPresent(id -> json.add("permitId", id));
        permit.subjectId().ifPresent(id -> json.add("subjectId", id.value()));
        return Responses.ok(json.build());
    }

}
