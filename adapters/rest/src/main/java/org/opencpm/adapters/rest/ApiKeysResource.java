package org.opencpm.adapters.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.opencpm.adapters.rest.json.Fields;
import org.opencpm.adapters.rest.json.JsonInput;
import org.opencpm.adapters.rest.json.JsonInputException;
import org.opencpm.adapters.rest.json.Jsons;
import org.opencpm.adapters.rest.security.Allowed;
import org.opencpm.adapters.rest.security.ApiKeyPrincipal;
import org.opencpm.application.ApiKeyNotFoundException;
import org.opencpm.application.port.in.ApiKeySummary;
import org.opencpm.application.port.in.CreateApiKeyCommand;
import org.opencpm.application.port.in.CreatedApiKey;
import org.opencpm.application.port.in.ManageApiKeysUseCase;
import org.opencpm.application.port.in.Role;
import org.opencpm.application.port.in.WebOrigin;

/**
 * {@code /api/v1/api-keys}, admin only: make a key with roles and an optional expiry (the key is
 * shown once; a collector key with the web {@code origins} it may be used from, ADR 0023), list keys
 * (never a key or its hash), revoke a key (refused from then on, on every
 * node; the last active admin key cannot be revoked: 409).
 */
@ApplicationScoped
@Path("/api/v1/api-keys")
public class ApiKeysResource {

    /** What a key id looks like; anything else cannot be a key and is answered 404 unread. */
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** The latest expiry accepted: later ones are typing errors, and overflow epoch milliseconds. */
    private static final Instant LATEST_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

    @Inject
    ManageApiKeysUseCase apiKeys;

    @POST
    @Allowed(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(InputStream body, @Context SecurityContext caller) {
        Fields f = JsonInput.object(body).allowOnly("name", "roles", "expiresAt", "origins");
        List<String> codes = f.strings("roles");
        if (codes.isEmpty()) {
            throw new JsonInputException(f.path("roles"), "at least one of admin, integrator, auditor, collector");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (int i = 0; i < codes.size(); i++) {
            roles.add(Role.parse(codes.get(i), f.path("roles") + "[" + i + "]"));
        }
        Optional<Instant> expiresAt = f.optionalInstant("expiresAt");
        if (expiresAt.filter(LATEST_EXPIRY::isBefore).isPresent()) {
            throw new JsonInputException(f.path("expiresAt"), "must be before the year 10000");
        }
        List<String> originTexts = f.strings("origins");
        if (originTexts.size() > CreateApiKeyCommand.MAX_ORIGINS) {
            throw new JsonInputException(f.path("origins"), "at most " + CreateApiKeyCommand.MAX_ORIGINS + " origins");
        }
        Set<WebOrigin> origins = new HashSet<>();
        for (int i = 0; i < originTexts.size(); i++) {
            origins.add(WebOrigin.parse(originTexts.get(i), f.path("origins") + "[" + i + "]"));
        }
        CreatedApiKey key = apiKeys.create(new CreateApiKeyCommand(f.requiredString("name"), roles, expiresAt, origins,
                ApiKeyPrincipal.actorOf(caller)));
        JsonObjectBuilder json = Jsons.object().add("id", key.id()).add("name", key.name()).add("key", key.key())
                .add("roles", codes(key.roles())).add("createdAt", key.createdAt().toString());
        key.expiresAt().ifPresent(at -> json.add("expiresAt", at.toString()));
        if (!key.origins().isEmpty()) {
            json.add("origins", origins(key.origins()));
        }
        return Responses.created(json.build());
    }

    @GET
    @Allowed(Role.ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        JsonArrayBuilder list = Jsons.array();
        for (ApiKeySummary key : apiKeys.list()) {
            JsonObjectBuilder json = Jsons.object().add("id", key.id()).add("name", key.name()).add("roles", codes(key.roles()))
                    .add("createdAt", key.createdAt().toString());
            key.expiresAt().ifPresentOrElse(at -> json.add("expiresAt", at.toString()), () -> json.addNull("expiresAt"));
            key.lastUsedAt().ifPresentOrElse(at -> json.add("lastUsedAt", at.toString()), () -> json.addNull("lastUsedAt"));
            if (!key.origins().isEmpty()) {
                json.add("origins", origins(key.origins()));
            }
            list.add(json.add("revoked", key.revoked()));
        }
        return Responses.json(200, list.build());
    }

    @DELETE
    @Path("{id}")
    @Allowed(Role.ADMIN)
    public Response revoke(@PathParam("id") String id, @Context SecurityContext caller) {
        if (!KEY_ID.matcher(id).matches()) {
            throw new ApiKeyNotFoundException("(malformed id)");
        }
        apiKeys.revoke(id, ApiKeyPrincipal.actorOf(caller));
        return Response.noContent().build();
    }

    private static JsonArrayBuilder origins(Set<WebOrigin> origins) {
        JsonArrayBuilder list = Jsons.array();
        origins.stream().map(WebOrigin::value).sorted().forEach(list::add);
        return list;
    }

    private static JsonArrayBuilder codes(Set<Role> roles) {
        JsonArrayBuilder codes = Jsons.array();
        roles.stream().map(Role::code).sorted().forEach(codes::add);
        return codes;
    }
}
