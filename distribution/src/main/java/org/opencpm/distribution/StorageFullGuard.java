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
 * deciding whether a message may be sent must keep working while an operator frees space. So does
 * revoking an API key ({@code DELETE /api/v1/api-keys/{id}}): shutting out a leaked key is a
 * security action that cannot wait for disk space, and it writes one small row and one audit
 * event, which the reserve is there for.
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
    private static final String API_KEYS = "api/v1/api-keys/";

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

    /**
     * Whether a request is refused while the disk is below its reserve: any method but GET, HEAD
     * and OPTIONS, under /api or /hooks, but for the reading POSTs and key revocations.
     */
    static boolean writes(String method, String path) {
        if (READING_METHODS.contains(method)) {
            return false;
        }
        String relative = path.startsWith("/") ? path.substring(1) : path;
        if (HttpMethod.DELETE.equals(method) && isApiKey(relative)) {
            return false;
        }
        return !READING_POSTS.contains(relative) && (relative.startsWith("api/") || relative.startsWith("hooks/"));
    }

    private static boolean isApiKey(String relative) {
        return relative.startsWith(API_KEYS) && relative.length() > API_KEYS.length() && relative.indexOf('/', API_KEYS.length()) < 0;
    }

    static Response refusal() {
        return Response.fromResponse(Problem.response(503, "storage-full",
                        "the disk of OpenCPM's data folder is nearly full; nothing was written. Try again once an operator has freed space"))
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
    }
}
