package org.opencpm.adapters.rest;

import org.opencpm.adapters.rest.json.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.opencpm.adapters.rest.json.Fields;
import org.opencpm.adapters.rest.json.JsonInput;
import org.opencpm.adapters.rest.json.JsonInputException;
import org.opencpm.adapters.rest.security.Allowed;
import org.opencpm.adapters.rest.security.ApiKeyPrincipal;
import org.opencpm.application.port.in.CreateApiKeyCommand;
import org.opencpm.application.port.in.CreatedApiKey;
import org.opencpm.application.port.in.ManageApiKeysUseCase;
import org.opencpm.application.port.in.Role;

/** {@code POST /api/v1/api-keys}: an admin makes a key with roles; the key is shown once. */
@ApplicationScoped
@Path("/api/v1/api-keys")
public class ApiKeysResource {

    @Inject
    ManageApiKeysUseCase apiKeys;

    @POST
    @Allowed(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(InputStream body, @Context SecurityContext caller) {
        Fields f = JsonInput.object(body).allowOnly("name", "roles");
        List<String> codes = f.strings("roles");
        if (codes.isEmpty()) {
            throw new JsonInputException(f.path("roles"), "at least one of admin, integrator, auditor");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (int i = 0; i < codes.size(); i++) {
            roles.add(Role.parse(codes.get(i), f.path("roles") + "[" + i + "]"));
        }
        CreatedApiKey key = apiKeys.create(new CreateApiKeyCommand(f.requiredString("name"), roles, ApiKeyPrincipal.actorOf(caller)));
        JsonArrayBuilder granted = Jsons.array();
        key.roles().stream().map(Role::code).sorted().forEach(granted::add);
        return Responses.created(Jsons.object().add("id", key.id()).add("name", key.name()).add("key", key.key())
                .add("roles", granted).add("createdAt", key.createdAt().toString()).build());
    }
}
