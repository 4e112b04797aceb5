package org.opencpm.adapters.rest.security;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.Optional;
import org.opencpm.adapters.rest.problem.Problem;
import org.opencpm.application.port.in.ManageApiKeysUseCase;
import org.opencpm.application.port.in.WebOrigin;

/**
 * Cross-origin access to {@code /api/v1/sdk/**} for the brands' pages, and to nothing else (ADR 0023).
 *
 * <ul>
 *   <li>A preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method})
 *       carries no key, so it is answered for an origin some active collector key is bound to: 204
 *       with the methods and headers the SDK uses; any other origin gets 403 and no CORS header, so
 *       the browser never sends the request.</li>
 *   <li>An answer gets {@code Access-Control-Allow-Origin} only for an origin of the calling
 *       collector key (or, when no key was accepted, of some collector key, so that the page can
 *       read the 401 or 429 problem); an admin or integrator key is never answered cross-origin.</li>
 * </ul>
 * Every other path is left alone: no other endpoint is reachable from another origin's page.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 50)
@ApplicationScoped
public class CollectorCors implements ContainerRequestFilter, ContainerResponseFilter {

    static final String SDK_PATH = "/api/v1/sdk/";
    /** How long a browser may keep a preflight's answer. */
    static final String MAX_AGE = "600";

    private final ManageApiKeysUseCase apiKeys;

    @Inject
    public CollectorCors(ManageApiKeysUseCase apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!sdk(request) || !HttpMethod.OPTIONS.equals(request.getMethod()) || request.getHeaderString("Origin") == null) {
            return;
        }
        Optional<WebOrigin> origin = origin(request);
        if (origin.isEmpty() || !apiKeys.collectsFrom(origin.get())) {
            request.abortWith(Problem.response(403, "origin-not-allowed", "no collector key is made for this origin"));
            return;
        }
        request.abortWith(Response.noContent()
                .header("Access-Control-Allow-Origin", origin.get().value())
                .header("Access-Control-Allow-Methods", "GET, POST")
                .header("Access-Control-Allow-Headers", "Authorization, Content-Type")
                .header("Access-Control-Max-Age", MAX_AGE)
                .header("Vary", "Origin")
                .build());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!sdk(request) || HttpMethod.OPTIONS.equals(request.getMethod())) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.add("Vary", "Origin");
        Optional<WebOrigin> origin = origin(request);
        if (origin.isEmpty()) {
            return;
        }
        boolean allowed = request.getSecurityContext().getUserPrincipal() instanceof ApiKeyPrincipal principal
                ? principal.key().boundToOrigins() && principal.key().origins().contains(origin.get())
                : apiKeys.collectsFrom(origin.get());
        if (allowed) {
            headers.putSingle("Access-Control-Allow-Origin", origin.get().value());
            headers.putSingle("Access-Control-Expose-Headers", "Retry-After");
        }
    }

    /**
     * The request's {@code Origin}, when it is a web origin in normal form (a browser sends no other).
     * A browser leaves {@code Origin} out of a same-origin GET; it says {@code Sec-Fetch-Site:
     * same-origin} instead, and the origin is then this server's own, as the request addressed it
     * (the SDK's example page on OpenCPM's own origin).
     */
    static Optional<WebOrigin> origin(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        boolean own = origin == null && "same-origin".equals(request.getHeaderString("Sec-Fetch-Site"));
        if (own) {
            URI self = request.getUriInfo().getRequestUri();
            origin = self.getScheme() + "://" + self.getRawAuthority();
        }
        if (origin == null || origin.isBlank() || origin.length() > 200) {
            return Optional.empty();
        }
        try {
            WebOrigin parsed = WebOrigin.parse(origin, "Origin");
            return own || parsed.value().equals(origin) ? Optional.of(parsed) : Optional.empty();
        } catch (RuntimeException notAnOrigin) {
            return Optional.empty();
        }
    }

    private static boolean sdk(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        return path != null && path.startsWith(SDK_PATH);
    }
}
