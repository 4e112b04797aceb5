package org.opencpm.distribution;

import io.helidon.http.HeaderValues;
import io.helidon.http.NotFoundException;
import io.helidon.http.Status;
import io.helidon.microprofile.server.ServerCdiExtension;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.interceptor.Interceptor;
import org.opencpm.distribution.http.ExposureFilter;

/**
 * A path that no resource, health, metrics or OpenAPI route serves is answered with a
 * problem+json 404 too, like every other error of the server.
 */
@ApplicationScoped
public class UnmatchedPaths {

    private static final String BODY = "{\"type\":\"https://opencpm.org/problems/not-found\",\"title\":\"Not found\","
            + "\"status\":404,\"code\":\"not-found\",\"detail\":\"no such resource\"}";

    void register(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER) @Initialized(ApplicationScoped.class) Object started,
                  BeanManager beans) {
        ServerCdiExtension server = beans.getExtension(ServerCdiExtension.class);
        server.serverRoutingBuilder().error(NotFoundException.class, (request, response, notFound) -> {
            response.status(Status.NOT_FOUND_404);
            ExposureFilter.safeHeaders(response);
            response.header(HeaderValues.create("Content-Type", "application/problem+json"));
            response.send(BODY);
        });
    }
}
