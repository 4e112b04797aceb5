package org.opencpm.adapters.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
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
import org.eclipse.microprofile.metrics.annotation.Counted;
import org.opencpm.adapters.rest.json.ApiRequests;
import org.opencpm.adapters.rest.json.Fields;
import org.opencpm.adapters.rest.json.JsonInput;
import org.opencpm.adapters.rest.json.Jsons;
import org.opencpm.adapters.rest.problem.Problem;
import org.opencpm.adapters.rest.security.Allowed;
import org.opencpm.adapters.rest.security.ApiKeyPrincipal;
import org.opencpm.application.port.in.MessageSent;
import org.opencpm.application.port.in.Role;
import org.opencpm.application.port.in.SendMessageCommand;
import org.opencpm.application.port.in.SendMessageUseCase;

/**
 * {@code POST /api/v1/connectors/{id}/messages}: send one message through a connector that is a
 * send gateway (an SMS connector), only under a send permit. Answers: 200 {@code {"sent": true,
 * "permitId", "messageId"}}; 200 {@code {"sent": false, "reason"}} when no permit was issued (the
 * same reasons as {@code send-permits}: {@code frequency_cap}, {@code quiet_hours}, {@code withdrawn}…);
 * 422 {@code platform-refused} (with {@code platformCode}) when the platform refused the message for
 * good; 503 {@code platform-unavailable} (with {@code Retry-After} when the platform gave one) when it
 * could not be reached. The permit is asked for the owner of the request's one number of the
 * gateway's type; a refused message gives its budget unit back, an unreachable platform's keeps it.
 */
@ApplicationScoped
@Path("/api/v1/connectors/{id}/messages")
@Produces(MediaType.APPLICATION_JSON)
@Allowed(Role.INTEGRATOR)
public class MessagesResource {

    @Inject
    SendMessageUseCase messages;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Counted(name = "opencpm_messages", absolute = true, description = "Messages asked to be sent through send gateways")
    public Response send(@PathParam("id") String connectorId, InputStream body, @Context SecurityContext caller) {
        Fields f = JsonInput.object(body).allowOnly("subject", "subjectId", "purpose", "topic", "template", "parameters");
        SendMessageCommand command = new SendMessageCommand(connectorId, ApiRequests.locator(f),
                ApiRequests.purposeCode(f.requiredString("purpose"), f.path("purpose")), f.optionalString("topic"),
                f.optionalString("template"), f.has("parameters") ? f.stringMap("parameters") : java.util.Map.of(),
                ApiKeyPrincipal.actorOf(caller));
        MessageSent sent = messages.send(command);
        return switch (sent.outcome()) {
            case SENT -> {
                JsonObjectBuilder json = Jsons.object().add("sent", true).add("permitId", sent.permitId().orElseThrow())
                        .add("messageId", sent.messageId().orElseThrow());
                sent.subjectId().ifPresent(id -> json.add("subjectId", id.value()));
                yield Responses.ok(json.build());
            }
            case NOT_PERMITTED -> {
                JsonObjectBuilder json = Jsons.object().add("sent", false).add("reason", sent.refusal().orElseThrow().code());
                sent.subjectId().ifPresent(id -> json.add("subjectId", id.value()));
                yield Responses.ok(json.build());
            }
            case PLATFORM_REFUSED -> Problem.response(422, Problem.body(422, "platform-refused", sent.detail().orElse(null))
                    .add("platformCode", sent.platformCode().orElse("")).add("permitId", sent.permitId().orElseThrow()));
            case PLATFORM_UNAVAILABLE -> {
                Response problem = Problem.response(503, Problem.body(503, "platform-unavailable", sent.detail().orElse(null))
                        .add("permitId", sent.permitId().orElseThrow()));
                yield sent.retryAfter().map(wait -> Response.fromResponse(problem)
                        .header("Retry-After", Long.toString(Math.max(1, wait.toSeconds()))).build()).orElse(problem);
            }
        };
    }
}
