package org.opencpm.adapters.rest.security;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import org.opencpm.adapters.rest.problem.Problem;
import org.opencpm.application.port.in.ApiPrincipal;
import org.opencpm.application.port.in.ManageApiKeysUseCase;

/**
 * Who is calling: every {@code /api} request must carry {@code Authorization: Bearer <key>} with a
 * known key, before the request is even matched to a resource (so unknown paths do not answer
 * strangers with 404). Other paths (health, metrics, hooks) are not for API keys.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class ApiKeyAuthentication implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ManageApiKeysUseCase apiKeys;

    @Inject
    public ApiKeyAuthentication(ManageApiKeysUseCase apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!(path.equals("api") || path.startsWith("api/") || path.startsWith("/api"))) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            request.abortWith(unauthorized("send your API key as 'Authorization: Bearer <key>'"));
            return;
        }
        Optional<ApiPrincipal> principal = apiKeys.authenticate(header.substring(BEARER.length()).strip());
        if (principal.isEmpty()) {
            request.abortWith(unauthorized("the API key is not known"));
            return;
        }
        request.setSecurityContext(new ApiKeyPrincipal(principal.get()).asContext(request.getSecurityContext().isSecure()));
    }

    private static Response unauthorized(String detail) {
        return Response.fromResponse(Problem.response(401, "unauthorized", detail))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"opencpm\"").build();
    }
}
