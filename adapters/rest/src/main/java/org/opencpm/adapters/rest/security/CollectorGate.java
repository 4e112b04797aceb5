package org.opencpm.adapters.rest.security;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opencpm.adapters.rest.problem.Problem;
import org.opencpm.application.port.in.ApiPrincipal;
import org.opencpm.application.port.in.WebOrigin;

/**
 * What a collector key (ADR 0023) must meet besides its role, once it is known: the request comes
 * from a browser page of one of the key's origins ({@code Origin}, which a page cannot forge; a
 * request without one is refused too, so the key is a browser key and nothing else), and its
 * client address ({@link ClientAddress}) has not called with this key more often than {@code opencpm.sdk.requests-per-minute}
 * (default 60, bursts of {@code opencpm.sdk.burst}, default 30): 429 with {@code Retry-After}.
 * Runs after the role check, so a collector key on any other endpoint is a 403 first.
 */
@Provider
@Priority(Priorities.AUTHORIZATION + 10)
@ApplicationScoped
public class CollectorGate implements ContainerRequestFilter {

    private final CollectorRate rate;

    @Inject
    public CollectorGate(@ConfigProperty(name = "opencpm.sdk.requests-per-minute", defaultValue = "60") int perMinute,
                         @ConfigProperty(name = "opencpm.sdk.burst", defaultValue = "30") int burst) {
        this.rate = new CollectorRate(perMinute, burst, System::nanoTime);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!(request.getSecurityContext().getUserPrincipal() instanceof ApiKeyPrincipal principal)) {
            return;
        }
        ApiPrincipal key = principal.key();
        if (!key.boundToOrigins()) {
            return;
        }
        Optional<WebOrigin> origin = CollectorCors.origin(request);
        if (origin.isEmpty() || !key.origins().contains(origin.get())) {
            request.abortWith(Problem.response(403, "origin-not-allowed",
                    "this collector key is used only from the web pages of the origins it was made for"));
            return;
        }
        Optional<Duration> wait = rate.take(ClientAddress.of(request) + " " + key.keyId());
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            request.abortWith(Response.fromResponse(Problem.response(429, "too-many-requests",
                    "too many consent events from this address; try again in " + seconds + " s"))
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)).build());
        }
    }
}
