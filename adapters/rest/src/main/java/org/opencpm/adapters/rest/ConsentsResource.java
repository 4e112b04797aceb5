package org.opencpm.adapters.rest;

import org.opencpm.adapters.rest.json.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
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
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.metrics.annotation.Counted;
import org.opencpm.adapters.rest.json.ApiJson;
import org.opencpm.adapters.rest.json.ApiRequests;
import org.opencpm.adapters.rest.json.Fields;
import org.opencpm.adapters.rest.json.JsonInput;
import org.opencpm.adapters.rest.json.JsonInputException;
import org.opencpm.adapters.rest.problem.Problem;
import org.opencpm.adapters.rest.security.Allowed;
import org.opencpm.adapters.rest.security.ApiKeyPrincipal;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.BatchItemResult;
import org.opencpm.application.port.in.ConfirmDoubleOptInCommand;
import org.opencpm.application.port.in.ConfirmDoubleOptInUseCase;
import org.opencpm.application.port.in.RecordConsentBatchUseCase;
import org.opencpm.application.port.in.RecordConsentCommand;
import org.opencpm.application.port.in.RecordConsentResult;
import org.opencpm.application.port.in.RecordConsentUseCase;
import org.opencpm.application.port.in.Role;
import org.opencpm.domain.DomainException;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.consent.ConsentMethod;

/**
 * Consent events: one, a batch, or the confirmation of a double opt-in. A recorded event answers
 * 201 (200 when its idempotency key repeats) only once it is durable and in the audit chain.
 */
@ApplicationScoped
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Allowed(Role.INTEGRATOR)
public class ConsentsResource {

    @Inject
    RecordConsentUseCase consents;

    @Inject
    RecordConsentBatchUseCase batches;

    @Inject
    ConfirmDoubleOptInUseCase confirmations;

    @Inject
    BodyLimits limits;

    @POST
    @Path("consents")
    @Consumes(MediaType.APPLICATION_JSON)
    @Counted(name = "opencpm_consent_events", absolute = true, description = "Consent event requests received")
    public Response record(InputStream body, @Context SecurityContext caller) {
        Fields event = JsonInput.object(body, limits.defaultLimit());
        if (ApiRequests.isTokenConfirmation(event)) {
            return Responses.json(201, ApiJson.receipts(List.of(
                    confirmations.confirm(ApiRequests.tokenConfirmation(event, ApiKeyPrincipal.actorOf(caller))))));
        }
        RecordConsentResult result = consents.record(ApiRequests.consentEvent(event, ApiKeyPrincipal.actorOf(caller)));
        return Responses.json(result.replayed() ? 200 : 201, ApiJson.receipts(result.receipts()));
    }

    @POST
    @Path("consents:batch")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response recordBatch(InputStream body, @Context SecurityContext caller) {
        Fields batch = JsonInput.object(body, limits.batchLimit()).allowOnly("events");
        Actor actor = ApiKeyPrincipal.actorOf(caller);
        List<Fields> events = batch.objects("events");
        if (events.isEmpty()) {
            throw new JsonInputException("events", "at least one event is required");
        }
        if (events.size() > RecordConsentBatchUseCase.MAX_EVENTS) {
            throw new JsonInputException("events", "at most " + RecordConsentBatchUseCase.MAX_EVENTS + " events in one batch");
        }
        // Each event is read on its own: a malformed one is answered in its place, not for the whole batch.
        List<RecordConsentCommand> commands = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        JsonObjectBuilder[] answers = new JsonObjectBuilder[events.size()];
        for (int i = 0; i < events.size(); i++) {
            try {
                commands.add(ApiRequests.consentEvent(events.get(i), actor));
                positions.add(i);
            } catch (JsonInputException invalid) {
                answers[i] = problem(i, 400, "invalid-request", invalid.getMessage(), invalid.field());
            } catch (DomainException invalid) {
                answers[i] = problem(i, Problem.statusOf(invalid), invalid.code(), invalid.getMessage(), null);
            }
        }
        List<BatchItemResult> results = batches.recordAll(commands);
        for (int k = 0; k < results.size(); k++) {
            int i = positions.get(k);
            BatchItemResult result = results.get(k);
            if (result.succeeded()) {
                RecordConsentResult recorded = result.result().orElseThrow();
                answers[i] = Jsons.object().add("index", i).add("status", recorded.replayed() ? 200 : 201)
                        .add("result", ApiJson.receipts(recorded.receipts()));
            } else {
                DomainException refused = result.error().orElseThrow();
                answers[i] = problem(i, Problem.statusOf(refused), refused.code(), refused.getMessage(), null);
            }
        }
        JsonArrayBuilder all = Jsons.array();
        int recorded = 0;
        for (JsonObjectBuilder answer : answers) {
            var built = answer.build();
            recorded += built.getInt("status") < 300 ? 1 : 0;
            all.add(built);
        }
        return Responses.ok(Jsons.object().add("recorded", recorded).add("refused", answers.length - recorded)
                .add("results", all).build());
    }

    @POST
    @Path("consents:confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response confirm(InputStream body, @Context SecurityContext caller) {
        Fields f = JsonInput.object(body).allowOnly("token", "channel", "method", "evidence", "occurredAt");
        CollectionChannel channel = f.optionalString("channel").map(c -> CollectionChannel.parse(c, f.path("channel")))
                .orElse(CollectionChannel.EMAIL);
        ConsentMethod method = f.optionalString("method").map(m -> ConsentMethod.parse(m, f.path("method")))
                .orElse(ConsentMethod.EMAIL_LINK);
        ConfirmDoubleOptInCommand command = new ConfirmDoubleOptInCommand(f.requiredString("token"),
                ApiRequests.evidence(f.optionalObject("evidence"), channel, method), f.optionalInstant("occurredAt"),
                ApiKeyPrincipal.actorOf(caller));
        return Responses.ok(ApiJson.receipt(confirmations.confirm(command)));
    }

    private static JsonObjectBuilder problem(int index, int status, String code, String detail, String field) {
        JsonObjectBuilder problem = Problem.body(status, code, detail);
        if (field != null) {
            problem.add("errors", Jsons.array().add(Jsons.object().add("field", field).add("message", detail)));
        }
        return Jsons.object().add("index", index).add("status", status).add("problem", problem);
    }
}
