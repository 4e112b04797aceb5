package org.opencpm.adapters.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
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
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.opencpm.adapters.rest.json.ApiJson;
import org.opencpm.adapters.rest.json.Fields;
import org.opencpm.adapters.rest.json.JsonInput;
import org.opencpm.adapters.rest.json.JsonInputException;
import org.opencpm.adapters.rest.json.Jsons;
import org.opencpm.adapters.rest.security.Allowed;
import org.opencpm.adapters.rest.security.ApiKeyPrincipal;
import org.opencpm.application.port.in.ConnectorStatus;
import org.opencpm.application.port.in.ManageConnectorsUseCase;
import org.opencpm.application.port.in.Role;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.DeadLetters;
import org.opencpm.application.port.out.Delivery;
import org.opencpm.application.port.out.DeliveryCounts;
import org.opencpm.application.port.out.DeliveryStatus;

/**
 * The connectors, how their deliveries stand, their dead letters and the replay of them. A
 * delivered row is the receipt that the platform took the change: when, after how many attempts.
 */
@ApplicationScoped
@Path("/api/v1/connectors")
public class ConnectorsResource {

    private static final int MAX_LIMIT = 1000;

    @Inject
    ManageConnectorsUseCase connectors;

    @Inject
    BodyLimits limits;

    @GET
    @Allowed({Role.AUDITOR, Role.INTEGRATOR})
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        JsonArrayBuilder list = Jsons.array();
        for (ConnectorStatus status : connectors.connectors()) {
            list.add(connector(status));
        }
        return Responses.json(200, list.build());
    }

    @GET
    @Path("{id}/deliveries")
    @Allowed(Role.AUDITOR)
    @Produces(MediaType.APPLICATION_JSON)
    public Response deliveries(@PathParam("id") String id, @QueryParam("status") String status, @QueryParam("limit") String limit) {
        DeliveryStatus wanted = status == null || status.isBlank() ? DeliveryStatus.DEAD : DeliveryStatus.parse(status, "status");
        int max = limit(limit);
        JsonArrayBuilder list = Jsons.array();
        for (Delivery d : connectors.deliveries(id, wanted, max)) {
            list.add(delivery(d));
        }
        return Responses.json(200, list.build());
    }

    /**
     * Sends the dead deliveries in {@code ids} again, or all the connector's when the body is empty
     * or has no ids; those a newer change of their subject and purpose has overtaken are marked
     * delivered as superseded instead of being sent.
     */
    @POST
    @Path("{id}/deliveries:replay")
    @Allowed(Role.ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    public Response replay(@PathParam("id") String id, InputStream body, @Context SecurityContext caller) {
        List<Long> ids = ids(body);
        DeadLetters.ReplayResult result = connectors.replay(id, ids, ApiKeyPrincipal.actorOf(caller));
        return Responses.ok(Jsons.object().add("connector", id).add("replayed", result.replayed())
                .add("superseded", result.superseded()).build());
    }

    static JsonObject connector(ConnectorStatus status) {
        DeliveryCounts counts = status.deliveries();
        JsonObjectBuilder json = Jsons.object()
                .add("id", status.connector().id())
                .add("name", status.connector().name())
                .add("version", status.connector().version())
                .add("plugin", status.connector().pluginId())
                .add("state", status.connector().state().name().toLowerCase(java.util.Locale.ROOT))
                .add("pending", counts.pending())
                .add("inflight", counts.inflight())
                .add("delivered", counts.delivered())
                .add("failed", counts.failed())
                .add("dead", counts.dead())
                // Inbound events on this node since it started, by what became of them.
                .add("inboundRecorded", status.inbound().recorded())
                .add("inboundDuplicates", status.inbound().duplicates())
                .add("inboundRefused", status.inbound().refused())
                .add("inboundFailed", status.inbound().failed());
        counts.oldestPendingCreatedAtMillis().ifPresent(at -> json.add("oldestPendingAt", ApiJson.time(java.time.Instant.ofEpochMilli(at))));
        status.connector().problem().ifPresent(problem -> json.add("problem", problem));
        return json.build();
    }

    static JsonObject delivery(Delivery d) {
        ConsentChange c = d.change();
        JsonObjectBuilder change = Jsons.object()
                .add("subjectId", c.subject().value())
                .add("kind", c.kind().name().toLowerCase(java.util.Locale.ROOT))
                .add("version", c.version())
                .add("occurredAt", ApiJson.time(c.occurredAt()))
                .add("erasureDue", c.erasureDue())
                .add("auditEventId", c.auditEventId());
        c.purpose().ifPresent(p -> change.add("purpose", p.value()));
        ApiJson.add(change, "state", c.state());
        JsonObjectBuilder json = Jsons.object()
                .add("id", d.id())
                .add("connector", d.connectorId())
                .add("status", d.status().code())
                .add("attempts", d.attempts())
                .add("createdAt", ApiJson.time(d.createdAt()))
                .add("nextAttemptAt", ApiJson.time(d.nextAttemptAt()))
                .add("change", change);
        d.lastError().ifPresent(e -> json.add("lastError", e));
        d.deliveredAt().ifPresent(at -> json.add("deliveredAt", ApiJson.time(at)));
        return json.build();
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return 100;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new JsonInputException("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    private List<Long> ids(InputStream body) {
        byte[] bytes = JsonInput.bytes(body, limits.defaultLimit());
        if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return List.of();
        }
        Fields f = JsonInput.object(new ByteArrayInputStream(bytes)).allowOnly("ids");
        if (!f.has("ids")) {
            return List.of();
        }
        JsonArray array = f.array("ids");
        List<Long> ids = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonValue v = array.get(i);
            if (!(v instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < 1) {
                throw new JsonInputException(f.path("ids") + "[" + i + "]", "must be a delivery id (a positive whole number)");
            }
            ids.add(n.longValue());
        }
        return ids;
    }
}
