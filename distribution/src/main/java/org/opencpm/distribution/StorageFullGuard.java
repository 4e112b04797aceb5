package org.opencpm.distribution;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import java.util.Set;
import org.opencpm.adapters.rest.problem.Problem;

/**
 * Refuses requests that write while the data folder's disk is below its reserve
 * ({@link DataDiskSpace}): a 503 problem {@code storage-full} with {@code Retry-After}, before
 * anything is written, so that the database never meets a full disk in the middle of a commit.
 * Reads go on, and so do the two POSTs that only read ({@code decisions}, {@code subjects:lookup}):
 * deciding whether a message may be sent must keep working while an operator frees space.
 * It runs after authentication: a caller without a key learns nothing about the disk.
 */
@Provider
@Priority(Priorities.USER)
@ApplicationScoped
public class StorageFullGuard implements ContainerRequestFilter {

    /** Seconds a refused client is asked to wait before trying again. */
    static final String RETRY_AFTER_SECONDS = "60";

    private static final Set<String> READING_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final Set<String> READING_POSTS = Set.of("api/v1/decisions", "api/v1/subjects:lookup");

    private final DataDiskSpace disk;

    @Inject
    public StorageFullGuard(DataDiskSpace disk) {
        this.disk = disk;
    }

    /** For CDI's proxy. */
    protected StorageFullGuard() {
        this.disk = null;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        refusalOf(request.getMethod(), request.getUriInfo().getPath()).ifPresent(request::abortWith);
    }

    /** The answer to a request of {@code method} on {@code path}, if it is to be refused. */
    Optional<Response> refusalOf(String method, String path) {
        return writes(method, path) && disk.refusesWrites() ? Optional.of(refusal()) : Optional.empty();
    }

    /** Whether a request may write: any method but GET, HEAD and OPTIONS, under /api or /hooks, but for the reading POSTs. */
    static boolean writes(String method, String path) {
        if (READING_METHODS.contains(method)) {
            return false;
        }
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return !READING_POSTS.contains(relative) && (relative.startsWith("api/") || relative.startsWith("hooks/"));
    }

    static Response refusal() {
        return Response.fromResponse(Problem.response(503, "storage-full",
                        "the disk of OpenCPM's data folder is nearly full; nothing was written. Try again once an operator has freed space"))
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
    }
}
