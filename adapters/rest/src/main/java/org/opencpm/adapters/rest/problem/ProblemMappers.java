package org.opencpm.adapters.rest.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.opencpm.adapters.rest.json.JsonInputException;
import org.opencpm.adapters.rest.json.PayloadTooLargeException;
import org.opencpm.application.SubjectMergedException;
import org.opencpm.application.port.out.ConcurrencyConflictException;
import org.opencpm.domain.DomainException;
import org.opencpm.domain.InvalidValueException;

/** Turns every exception a request can end in into problem+json. */
public final class ProblemMappers {

    private ProblemMappers() {
    }

    /** A broken rule: 400 for bad values, 422 for rules, 409 for conflicts, 404 for unknown things. */
    @Provider
    @ApplicationScoped
    public static class DomainExceptions implements ExceptionMapper<DomainException> {
        @Override
        public Response toResponse(DomainException e) {
            if (e instanceof InvalidValueException invalid) {
                return Problem.invalid("invalid-value", invalid.field(), invalid.reason());
            }
            return Problem.response(Problem.statusOf(e), e.code(), e.getMessage());
        }
    }

    /**
     * A subject merged into another is gone as a subject of its own: 410, naming in {@code
     * mergedInto} the subject that now stands for the person (a pseudonym, safe to show).
     */
    @Provider
    @ApplicationScoped
    public static class MergedSubjects implements ExceptionMapper<SubjectMergedException> {
        @Override
        public Response toResponse(SubjectMergedException e) {
            return Problem.response(410, Problem.body(410, e.code(), e.getMessage()).add("mergedInto", e.mergedInto().value()));
        }
    }

    @Provider
    @ApplicationScoped
    public static class InvalidJson implements ExceptionMapper<JsonInputException> {
        @Override
        public Response toResponse(JsonInputException e) {
            return Problem.invalid("invalid-request", e.field(), e.getMessage());
        }
    }

    @Provider
    @ApplicationScoped
    public static class TooLarge implements ExceptionMapper<PayloadTooLargeException> {
        @Override
        public Response toResponse(PayloadTooLargeException e) {
            return Problem.response(413, "payload-too-large", e.getMessage());
        }
    }

    @Provider
    @ApplicationScoped
    public static class Conflicts implements ExceptionMapper<ConcurrencyConflictException> {
        @Override
        public Response toResponse(ConcurrencyConflictException e) {
            return Problem.response(409, "concurrent-update", "the subject was changed by concurrent requests; send the event again");
        }
    }

    /** The framework's own errors (unknown path, wrong method or media type…), as problems. */
    @Provider
    @ApplicationScoped
    public static class FrameworkErrors implements ExceptionMapper<WebApplicationException> {

        @Context
        UriInfo uri;

        @Override
        public Response toResponse(WebApplicationException e) {
            Response original = e.getResponse();
            int status = original.getStatus();
            if (status >= 500) {
                return Unexpected.log(e);
            }
            if (status == 404 && !underApi()) {
                // Not ours: an empty 404 lets the server try its other routes (health, metrics, openapi),
                // and answer the request itself if none matches.
                return Response.status(404).build();
            }
            String code = switch (status) {
                case 400 -> "invalid-request";
                case 401 -> "unauthorized";
                case 403 -> "forbidden";
                case 404 -> "not-found";
                case 405 -> "method-not-allowed";
                case 406 -> "not-acceptable";
                case 413 -> "payload-too-large";
                case 415 -> "unsupported-media-type";
                default -> "http-" + status;
            };
            String detail = switch (status) {
                case 404 -> "no such resource";
                case 405 -> "this resource does not accept this method";
                case 406 -> "this resource cannot answer in the media type asked for";
                case 415 -> "this resource does not accept this content type";
                default -> e.getMessage();
            };
            Response.ResponseBuilder problem = Response.fromResponse(Problem.response(status, code, detail));
            original.getHeaders().forEach((name, values) -> {
                if (name.equalsIgnoreCase("Allow") || name.equalsIgnoreCase("WWW-Authenticate") || name.equalsIgnoreCase("Retry-After")) {
                    values.forEach(value -> problem.header(name, value));
                }
            });
            return problem.build();
        }

        private boolean underApi() {
            String path = uri.getPath();
            return path.startsWith("api/") || path.startsWith("/api/") || path.equals("api") || path.startsWith("hooks/")
                    || path.startsWith("/hooks/");
        }
    }

    /** Anything else: a 500 with an error id that points to the log entry, and nothing of the internals. */
    @Provider
    @ApplicationScoped
    public static class Unexpected implements ExceptionMapper<Throwable> {
        private static final Logger LOG = Logger.getLogger(Unexpected.class.getName());

        @Override
        public Response toResponse(Throwable e) {
            return log(e);
        }

        static Response log(Throwable e) {
            String errorId = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "request failed, error id " + errorId, e);
            return Problem.response(500, Problem.body(500, "internal-error", "an unexpected error occurred; error id " + errorId)
                    .add("errorId", errorId));
        }
    }
}
