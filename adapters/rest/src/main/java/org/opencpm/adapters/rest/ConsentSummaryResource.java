package org.opencpm.adapters.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.opencpm.adapters.rest.json.ApiJson;
import org.opencpm.adapters.rest.json.Jsons;
import org.opencpm.adapters.rest.security.Allowed;
import org.opencpm.application.port.in.ConsentSummary;
import org.opencpm.application.port.in.Role;
import org.opencpm.application.port.in.SummarizeConsentsUseCase;
import org.opencpm.domain.consent.ConsentState;

/**
 * {@code GET /api/v1/stats/consents}: the consents now, counted by purpose and state, for the
 * console's dashboard. Counts only: no subject is named.
 */
@ApplicationScoped
@Path("/api/v1/stats")
@Produces(MediaType.APPLICATION_JSON)
public class ConsentSummaryResource {

    @Inject
    SummarizeConsentsUseCase consents;

    @GET
    @Path("consents")
    @Allowed({Role.INTEGRATOR, Role.AUDITOR})
    public Response consents() {
        ConsentSummary summary = consents.summary();
        JsonObjectBuilder byPurpose = Jsons.object();
        new TreeMap<>(summary.byPurpose()).forEach((purpose, counts) -> byPurpose.add(purpose, states(counts)));
        return Responses.ok(Jsons.object()
                .add("at", ApiJson.time(summary.at()))
                .add("subjects", summary.subjects())
                .add("byPurpose", byPurpose)
                .build());
    }

    private static JsonObjectBuilder states(Map<ConsentState, Long> counts) {
        JsonObjectBuilder json = Jsons.object();
        for (ConsentState state : ConsentState.values()) {
            json.add(state.name().toLowerCase(Locale.ROOT), counts.getOrDefault(state, 0L));
        }
        return json;
    }
}
