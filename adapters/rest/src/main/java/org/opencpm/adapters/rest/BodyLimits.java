package org.opencpm.adapters.rest;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opencpm.adapters.rest.problem.Problem;

/**
 * How large a request body may be: 1 MiB by default, more for the batch and streaming
 * endpoints. A declared length over the limit is refused with 413 before the body is read; a
 * body without a declared length is cut off at the limit while it is read.
 */
@Provider
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
@ApplicationScoped
public class BodyLimits implements ContainerRequestFilter {

    private final long defaultLimit;
    private final long batchLimit;
    private final long streamLimit;

    @Inject
    public BodyLimits(@ConfigProperty(name = "opencpm.http.max-body-bytes", defaultValue = "1048576") long defaultLimit,
                      @ConfigProperty(name = "opencpm.http.max-batch-bytes", defaultValue = "16777216") long batchLimit,
                      @ConfigProperty(name = "opencpm.http.max-stream-bytes", defaultValue = "4294967296") long streamLimit) {
        this.defaultLimit = defaultLimit;
        this.batchLimit = batchLimit;
        this.streamLimit = streamLimit;
    }

    /** For CDI proxies. */
    protected BodyLimits() {
        this(1048576, 16777216, 4294967296L);
    }

    public long defaultLimit() {
        return defaultLimit;
    }

    public long batchLimit() {
        return batchLimit;
    }

    public long streamLimit() {
        return streamLimit;
    }

    /** The limit for a request to {@code path}. */
    public long limitFor(String path) {
        if (path.endsWith("consents:batch")) {
            return batchLimit;
        }
        if (path.endsWith("decisions:filter") || path.endsWith("datasets:gate")) {
            return streamLimit;
        }
        return defaultLimit;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        long limit = limitFor(request.getUriInfo().getPath());
        // The header itself, not getLength(): that parses an int and fails (500) on a length past 2 GiB.
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        long length;
        try {
            length = declared == null ? -1 : Long.parseLong(declared.strip());
        } catch (NumberFormatException notANumber) {
            length = Long.MAX_VALUE;
        }
        if (length > limit) {
            request.abortWith(Problem.response(413, "payload-too-large", "the request body is larger than " + limit + " bytes"));
        }
    }
}
