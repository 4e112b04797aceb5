package org.opencpm.adapters.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.opencpm.adapters.rest.json.ApiJson;
import org.opencpm.adapters.rest.json.JsonInputException;
import org.opencpm.adapters.rest.json.Jsons;
import org.opencpm.adapters.rest.security.Allowed;
import org.opencpm.application.port.in.ListAlertsUseCase;
import org.opencpm.application.port.in.Role;
import org.opencpm.domain.alert.Alert;

/**
 * The risk alerts raised (PIPL Art. 54: the handler audits its own processing), newest first, as
 * API.md fixes them: {@code [ {id, rule, severity, raisedAt, detail} ]}. For auditors (and admins).
 */
@ApplicationScoped
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Allowed(Role.AUDITOR)
public class AlertsResource {

    static final int DEFAULT_LIMIT = 100;

    @Inject
    ListAlertsUseCase alerts;

    @GET
    public Response list(@QueryParam("limit") String limit) {
        int n = limit == null ? DEFAULT_LIMIT : limit(limit);
        JsonArrayBuilder list = Jsons.array();
        for (Alert alert : alerts.newest(n)) {
            JsonObjectBuilder detail = Jsons.object();
            alert.detail().forEach(detail::add);
            list.add(Jsons.object().add("id", alert.id()).add("rule", alert.rule()).add("severity", alert.severity().code())
                    .add("raisedAt", ApiJson.time(alert.raisedAt())).add("detail", detail));
        }
        return Response.ok(list.build().toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static int limit(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= ListAlertsUseCase.MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new JsonInputException("limit", "must be a whole number from 1 to " + ListAlertsUseCase.MAX_LIMIT);
    }
}
