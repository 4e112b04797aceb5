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
import org.opencpm.adapters.rest.self.SelfPaths;
import org.opencpm.application.port.in.Authentication;
import org.opencpm.application.port.in.ManageApiKeysUseCase;

/**
 * Who is calling: every {@code /api} request must carry {@code Authorization: Bearer <key>} with a
 * known key, before the request is even matched to a resource (so unknown paths do not answer
 * strangers with 404). Other paths (health, metrics, hooks, the web pages) are not for API keys, nor
 * are the preference centre's {@code /api/v1/self} paths (a self-service token there, ADR 0022).
 *
 * <p>A request without an {@code Authorization} header but with a console session cookie is left
 * to {@link ConsoleSessionAuthentication} (ADR 0021). A request with both is judged by its key
 * alone: the cookie never stands in for a refused key.
 *
 * <p>A client address whose keys failed too often lately gets 429 with {@code Retry-After}
 * before its key is even looked at, whatever key it sends, until the wait is over (see
 * {@link ManageApiKeysUseCase#authenticate(String, String)}); other addresses are not slowed. The
 * address is the connection's peer as the server saw it; {@code X-Forwarded-For}
 * is believed only from the proxies listed in {@code opencpm.security.trusted-proxies}
 * (see {@link ClientAddress}). It is worked out here, first, for every {@code /api} request, the
 * preference centre's too, and kept on the request for all that reads it later.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class ApiKeyAuthentication implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ManageApiKeysUseCase apiKeys;
    private final ClientAddress clientAddresses;
    private final ConsoleSessionAuthentication sessions;

    @Inject
    public ApiKeyAuthentication(ManageApiKeysUseCase apiKeys, ClientAddress clientAddresses, ConsoleSessionAuthentication sessions) {
        this.apiKeys = apiKeys;
        this.clientAddresses = clientAddresses;
        this.sessions = sessions;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!(path.equals("api") || path.startsWith("api/") || path.startsWith("/api"))) {
            return;
        }
        String address = clientAddresses.keep(request); // once, for everything after that counts or records it
        if (SelfPaths.isSelf(path)) {
            return; // the preference centre's paths take a self-service token, never a key (SelfTokenAuthentication)
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            Optional<String> session = ConsoleSessionAuthentication.sessionCookie(request);
            if (session.isPresent()) {
                sessions.authenticate(request, session.get());
                return;
            }
        }
        boolean bearer = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length());
        Authentication result = apiKeys.authenticate(bearer ? header.substring(BEARER.length()).strip() : null, address);
        switch (result) {
            case Authentication.Authenticated ok ->
                    request.setSecurityContext(new ApiKeyPrincipal(ok.principal()).asContext(request.getSecurityContext().isSecure()));
            case Authentication.Throttled wait -> request.abortWith(tooManyFailures(wait.retryAfterSeconds()));
            case Authentication.Refused refused -> request.abortWith(unauthorized(bearer
                    ? "the API key is not known, has expired or was revoked"
                    : "send your API key as 'Authorization: Bearer <key>'"));
        }
    }

    private static Response tooManyFailures(long seconds) {
        return Response.fromResponse(Problem.response(429, "too-many-failed-authentications",
                        "too many failed authentications from this address; try again in " + seconds + " s"))
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)).build();
    }

    private static Response unauthorized(String detail) {
        return Response.fromResponse(Problem.response(401, "unauthorized", detail))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"opencpm\"").build();
    }
}
