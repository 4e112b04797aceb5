package org.opencpm.adapters.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
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
import java.util.Locale;
import org.opencpm.adapters.rest.json.JsonInput;
import org.opencpm.adapters.rest.json.Jsons;
import org.opencpm.adapters.rest.security.Allowed;
import org.opencpm.adapters.rest.security.ApiKeyPrincipal;
import org.opencpm.application.port.in.ManageConnectorsUseCase;
import org.opencpm.application.port.in.Role;
import org.opencpm.application.port.out.PluginInfo;
import org.opencpm.application.port.out.PluginReload;

/**
 * The plugins in the distribution's {@code plugins/} folder: list them (in their true state), make
 * the running plugins what the folder and the connectors' configuration files say ({@code
 * plugins:reload}: new zips started, newer ones replacing older, removed ones unloaded, changed
 * configurations applied), enable and disable them — all without a restart. The
 * actions read no input: a body other than none or {@code {}} is refused (400) before they act.
 */
@ApplicationScoped
@Path("/api/v1")
public class PluginsResource {

    @Inject
    ManageConnectorsUseCase connectors;

    @GET
    @Path("plugins")
    @Allowed(Role.AUDITOR)
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        JsonArrayBuilder list = Jsons.array();
        connectors.plugins().forEach(plugin -> list.add(plugin(plugin)));
        return Responses.json(200, list.build());
    }

    @POST
    @Path("plugins:reload")
    @Allowed(Role.ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    public Response reload(InputStream body, @Context SecurityContext caller) {
        JsonInput.none(body);
        PluginReload reload = connectors.reloadPlugins(ApiKeyPrincipal.actorOf(caller));
        return Responses.ok(Jsons.object().add("added", strings(reload.added())).add("upgraded", strings(reload.upgraded()))
                .add("removed", strings(reload.removed())).add("started", strings(reload.started()))
                .add("failed", strings(reload.failed())).add("reconfigured", strings(reload.reconfigured())).build());
    }

    @POST
    @Path("plugins/{id}:enable")
    @Allowed(Role.ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    public Response enable(@PathParam("id") String id, InputStream body, @Context SecurityContext caller) {
        JsonInput.none(body);
        return Responses.ok(plugin(connectors.setPluginEnabled(id, true, ApiKeyPrincipal.actorOf(caller))));
    }

    @POST
    @Path("plugins/{id}:disable")
    @Allowed(Role.ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    public Response disable(@PathParam("id") String id, InputStream body, @Context SecurityContext caller) {
        JsonInput.none(body);
        return Responses.ok(plugin(connectors.setPluginEnabled(id, false, ApiKeyPrincipal.actorOf(caller))));
    }

    static JsonObject plugin(PluginInfo plugin) {
        JsonObjectBuilder json = Jsons.object().add("id", plugin.id()).add("version", plugin.version())
                .add("state", plugin.state().name().toLowerCase(Locale.ROOT)).add("connectors", strings(plugin.connectors()));
        plugin.problem().ifPresent(problem -> json.add("problem", problem));
        return json.build();
    }

    private static JsonArrayBuilder strings(List<String> values) {
        JsonArrayBuilder array = Jsons.array();
        values.forEach(array::add);
        return array;
    }
}
