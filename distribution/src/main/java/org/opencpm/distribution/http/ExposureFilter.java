package org.opencpm.distribution.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.microprofile.server.ServerCdiExtension;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.opencpm.adapters.rest.security.ClientAddress;
import org.opencpm.application.port.in.Authentication;
import org.opencpm.application.port.in.ManageApiKeysUseCase;
import org.opencpm.application.port.in.Role;

/**
 * What every response of the server carries, whatever route answers it (JAX-RS, health, metrics,
 * OpenAPI, the 404 for unknown paths), and who may see the metrics:
 * <ul>
 *   <li>{@code X-Content-Type-Options: nosniff} and, unless the route set its own,
 *       {@code Cache-Control: no-store}: consent data must not be sniffed into HTML or kept by a
 *       browser or proxy cache (set here before any route; {@link SafeHeadersAfterJaxRs} sets them again
 *       for the routes after JAX-RS, which clears them when it has no resource for the path; error
 *       handlers and {@link ProblemDirectHandler} set them on the answers they make afresh);</li>
 *   <li>a method that no route of OpenCPM serves ({@code CONNECT}, {@code TRACE}, {@code PATCH},
 *       unknown ones) gets a 405 problem+json with {@code Allow}, on every path;</li>
 *   <li>{@code /metrics} needs an {@code auditor} or {@code admin} API key (they tell an outsider
 *       about load, errors and connectors) unless {@code opencpm.metrics.public=true}; the key is
 *       checked through the application's own key check, {@link ManageApiKeysUseCase#authenticate},
 *       against the client's address as the API finds it ({@link ClientAddress}), so that failures
 *       here are throttled with the API's (429 with {@code Retry-After}).</li>
 * </ul>
 */
@ApplicationScoped
public class ExposureFilter {

    static final Set<Method> SERVED = Set.of(Method.GET, Method.HEAD, Method.POST, Method.PUT, Method.DELETE, Method.OPTIONS);
    private static final String ALLOW = "GET, HEAD, POST, PUT, DELETE, OPTIONS";
    private static final Set<Role> METRICS_ROLES = EnumSet.of(Role.AUDITOR, Role.ADMIN);
    private static final String BEARER = "Bearer ";

    @Inject
    ManageApiKeysUseCase apiKeys;

    /** The client a failed key counts against, found as for the API (trusted proxies included), so /metrics is throttled too. */
    @Inject
    ClientAddress clientAddresses;

    private boolean metricsPublic;

    void register(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER) @Initialized(ApplicationScoped.class) Object started,
                  BeanManager beans, Config config) {
        metricsPublic = config.getOptionalValue("opencpm.metrics.public", Boolean.class).orElse(false);
        beans.getExtension(ServerCdiExtension.class).serverRoutingBuilder().addFilter(this::filter)
                .addFeature(new SafeHeadersAfterJaxRs());
    }

    /** The headers every response carries; also for responses made by error handlers, which start afresh. */
    public static void safeHeaders(io.helidon.webserver.http.ServerResponse response) {
        response.header(HeaderValues.create("X-Content-Type-Options", "nosniff"));
        response.header(HeaderValues.create(HeaderNames.CACHE_CONTROL, "no-store"));
    }

    void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        safeHeaders(response);
        if (!SERVED.contains(request.prologue().method())) {
            response.header(HeaderValues.create(HeaderNames.ALLOW, ALLOW));
            problem(response, Status.METHOD_NOT_ALLOWED_405, "method-not-allowed", "this server does not serve the method "
                    + printable(request.prologue().method().text()));
            return;
        }
        String path = request.path().path();
        if (!metricsPublic && (path.equals("/metrics") || path.startsWith("/metrics/")) && !mayReadMetrics(request, response)) {
            return;
        }
        chain.proceed();
    }

    /** Whether the request carries an auditor or admin key; if not, the refusal is sent. */
    private boolean mayReadMetrics(RoutingRequest request, RoutingResponse response) {
        String header = request.headers().first(HeaderNames.AUTHORIZATION).orElse(null);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            unauthorized(response, "send an auditor or admin API key as 'Authorization: Bearer <key>'");
            return false;
        }
        String client = clientAddresses.of(request.remotePeer().host(),
                request.headers().first(HeaderNames.X_FORWARDED_FOR).orElse(null));
        switch (apiKeys.authenticate(header.substring(BEARER.length()).strip(), client)) {
            case Authentication.Authenticated ok when ok.principal().mayActAs(METRICS_ROLES) -> {
                return true;
            }
            case Authentication.Authenticated ok ->
                    problem(response, Status.FORBIDDEN_403, "forbidden", "the metrics need an auditor or admin API key");
            case Authentication.Throttled wait -> {
                response.header(HeaderValues.create(HeaderNames.RETRY_AFTER, Long.toString(wait.retryAfterSeconds())));
                problem(response, Status.TOO_MANY_REQUESTS_429, "too-many-failed-authentications",
                        "too many failed authentications from this address; try again in " + wait.retryAfterSeconds() + " s");
            }
            case Authentication.Refused refused -> unauthorized(response, "the API key is not known");
        }
        return false;
    }

    private static void unauthorized(RoutingResponse response, String detail) {
        response.header(HeaderValues.create(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"opencpm\""));
        problem(response, Status.UNAUTHORIZED_401, "unauthorized", detail);
    }

    private static void problem(RoutingResponse response, Status status, String code, String detail) {
        response.status(status);
        response.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, "application/problem+json"));
        response.send("{\"type\":\"https://opencpm.org/problems/" + code + "\",\"title\":\"" + status.reasonPhrase()
                + "\",\"status\":" + status.code() + ",\"code\":\"" + code + "\",\"detail\":\"" + detail + "\"}");
    }

    /** A method name as sent, reduced to the characters a method token may have, so it cannot break the JSON. */
    private static String printable(String method) {
        String token = method.replaceAll("[^A-Za-z0-9!#$%&'*+.^_`|~-]", "?");
        return token.length() > 20 ? token.substring(0, 20) : token;
    }
}
