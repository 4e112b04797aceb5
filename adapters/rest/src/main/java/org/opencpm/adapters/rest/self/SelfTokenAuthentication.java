package org.opencpm.adapters.rest.self;

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
import org.opencpm.adapters.rest.problem.Problem;
import org.opencpm.application.port.in.SelfAuthentication;
import org.opencpm.application.port.in.SelfServiceUseCase;
import org.opencpm.application.selfservice.SelfTokens;

/**
 * Who is calling a self-service path: the person a self-service token names
 * ({@code Authorization: Bearer pcl1.…} from a preference link, {@code pcs1.…} from an SMS code),
 * checked before the request is matched. An API key is refused here (401 {@code self-token-required}):
 * a brand's key reads and changes anyone, the preference centre only its one person. The answer
 * says whether a token was expired ({@code link-expired}), names a person no longer there
 * ({@code link-gone}, 410) or is no token of ours ({@code link-invalid}), so the page can say which.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class SelfTokenAuthentication implements ContainerRequestFilter {

    /** The request property the session is put in for the resource. */
    static final String SESSION = "opencpm.self-session";
    private static final String BEARER = "Bearer ";

    private final SelfServiceUseCase self;

    @Inject
    public SelfTokenAuthentication(SelfServiceUseCase self) {
        this.self = self;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!SelfPaths.isSelf(path) || SelfPaths.needsNoToken(path)) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        boolean bearer = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length());
        String token = bearer ? header.substring(BEARER.length()).strip() : "";
        if (!token.startsWith(SelfTokens.LINK_PREFIX) && !token.startsWith(SelfTokens.CODE_PREFIX)) {
            request.abortWith(refused(401, "self-token-required",
                    "these paths are the preference centre's: send the link's token as 'Authorization: Bearer <token>' (API keys are not accepted here)"));
            return;
        }
        switch (self.authenticate(token)) {
            case SelfAuthentication.Valid valid -> request.setProperty(SESSION, valid.session());
            case SelfAuthentication.Expired expired -> request.abortWith(refused(401, "link-expired", "this link has expired: ask for a new one"));
            case SelfAuthentication.Gone gone -> request.abortWith(refused(410, "link-gone", "this link leads to no one any more"));
            case SelfAuthentication.Invalid invalid -> request.abortWith(refused(401, "link-invalid", "this link is not valid"));
        }
    }

    private static Response refused(int status, String code, String detail) {
        Response problem = Problem.response(status, code, detail);
        return status == 401
                ? Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"opencpm-self\"").build()
                : problem;
    }
}
