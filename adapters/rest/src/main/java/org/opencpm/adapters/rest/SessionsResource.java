package org.opencpm.adapters.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import jakarta.json.JsonArrayBuilder;
import org.opencpm.adapters.rest.json.JsonInput;
import org.opencpm.adapters.rest.json.Jsons;
import org.opencpm.adapters.rest.problem.Problem;
import org.opencpm.adapters.rest.security.Allowed;
import org.opencpm.adapters.rest.security.ApiKeyPrincipal;
import org.opencpm.adapters.rest.security.ConsoleSessionAuthentication;
import org.opencpm.application.port.in.ConsoleSessionsUseCase;
import org.opencpm.application.port.in.ConsoleSessionsUseCase.StartedSession;
import org.opencpm.application.port.in.Role;

/**
 * {@code /api/v1/sessions}: console sign-in and sign-out (ADR 0021). Signing in takes an API key
 * as {@code Authorization: Bearer} — never a session, which cannot breed another — and answers
 * with the session cookie (HttpOnly, SameSite=Strict, Secure over HTTPS or when {@code opencpm.public-url} is https) and, once, the CSRF
 * token the page sends with every call. Any role may sign in; the session keeps the key's roles.
 */
@ApplicationScoped
@Path("/api/v1/sessions")
public class SessionsResource {

    /** The most an empty sign-in body may be ({@code {}} with some white space). */
    private static final int MAX_BODY = 1024;

    @Inject
    ConsoleSessionsUseCase sessions;

    @Inject
    ConsoleSessionAuthentication cookies;

    @POST
    @Allowed({Role.ADMIN, Role.INTEGRATOR, Role.AUDITOR})
    @Produces(MediaType.APPLICATION_JSON)
    public Response signIn(InputStream body, @Context SecurityContext caller) {
        if (ConsoleSessionAuthentication.SCHEME.equals(caller.getAuthenticationScheme())) {
            return Problem.response(403, "forbidden", "sign in with an API key as 'Authorization: Bearer <key>', not with a console session");
        }
        JsonInput.none(body, MAX_BODY);
        StartedSession started = sessions.start(((ApiKeyPrincipal) caller.getUserPrincipal()).key());
        return Response.status(201).type(MediaType.APPLICATION_JSON)
                .header("Set-Cookie", ConsoleSessionAuthentication.cookie(started.sessionId(), cookies.secure(caller.isSecure())))
                .entity(Jsons.object()
                        .add("csrfToken", started.csrfToken())
                        .add("roles", roles(started))
                        .add("expiresAt", started.expiresAt().toString())
                        .add("idleExpiresAt", started.idleUntil().toString())
                        .build().toString())
                .build();
    }

    private static JsonArrayBuilder roles(StartedSession started) {
        JsonArrayBuilder roles = Jsons.array();
        started.roles().stream().map(Role::code).sorted().forEach(roles::add);
        return roles;
    }

    @DELETE
    @Path("current")
    @Allowed({Role.ADMIN, Role.INTEGRATOR, Role.AUDITOR})
    public Response signOut(@Context ContainerRequestContext request, @Context SecurityContext caller) {
        if (!(request.getProperty(ConsoleSessionAuthentication.SESSION_PROPERTY) instanceof String sessionId)) {
            return Problem.response(400, "no-session", "sign-out needs the console session cookie and its CSRF token");
        }
        sessions.end(sessionId);
        return Response.noContent().header("Set-Cookie", ConsoleSessionAuthentication.expiredCookie(cookies.secure(caller.isSecure()))).build();
    }
}
