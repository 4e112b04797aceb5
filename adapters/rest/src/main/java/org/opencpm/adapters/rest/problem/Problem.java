package org.opencpm.adapters.rest.problem;

import org.opencpm.adapters.rest.json.Jsons;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.opencpm.domain.DomainException;

/** Builds problem+json responses. Problem types are {@code https://opencpm.org/problems/<code>}. */
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://opencpm.org/problems/";

    private static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry("invalid-request", "The request is not valid"),
            Map.entry("invalid-value", "A value is not valid"),
            Map.entry("payload-too-large", "The request body is too large"),
            Map.entry("uri-too-long", "The request line is too long"),
            Map.entry("headers-too-large", "The request headers are too large"),
            Map.entry("http-version-not-supported", "HTTP version not supported"),
            Map.entry("unavailable", "The server cannot take the request now"),
            Map.entry("unauthorized", "An API key is required"),
            Map.entry("forbidden", "The API key may not do this"),
            Map.entry("origin-not-allowed", "The collector key is not for this web origin"),
            Map.entry("public-url-not-set", "The server does not know its public address"),
            Map.entry("too-many-requests", "Too many requests from this address"),
            Map.entry("not-found", "Not found"),
            Map.entry("method-not-allowed", "Method not allowed"),
            Map.entry("unsupported-media-type", "Unsupported media type"),
            Map.entry("not-acceptable", "Not acceptable"),
            Map.entry("concurrent-update", "Changed concurrently, try again"),
            Map.entry("storage-full", "The server's storage is nearly full"),
            Map.entry("internal-error", "Internal error"),
            Map.entry("separate-consent-required", "Separate consent is required"),
            Map.entry("explicit-consent-required", "Explicit consent is required"),
            Map.entry("notice-does-not-cover-purpose", "The notice does not cover the purpose"),
            Map.entry("notice-superseded", "The notice was materially changed"),
            Map.entry("notice-required", "A notice is required"),
            Map.entry("notice-version-immutable", "A published notice version cannot change"),
            Map.entry("notice-content-hash-required", "A notice by URL needs the SHA-256 of its text"),
            Map.entry("notice-content-hash-mismatch", "The contentHash is not the SHA-256 of the content"),
            Map.entry("guardian-required", "A guardian must consent for a minor"),
            Map.entry("guardian-is-subject", "A minor cannot be their own guardian"),
            Map.entry("consent-transition-not-allowed", "The consent cannot take this step"),
            Map.entry("occurred-in-future", "The event is dated in the future"),
            Map.entry("occurred-too-early", "The event is dated before any consent can be"),
            Map.entry("purpose-definition-invalid", "The purpose definition is inconsistent"),
            Map.entry("unknown-purpose", "Unknown purpose"),
            Map.entry("unknown-notice", "Unknown notice version"),
            Map.entry("subject-not-found", "Unknown subject"),
            Map.entry("receipt-not-found", "Unknown receipt"),
            Map.entry("identifiers-conflict", "The identifiers belong to different subjects"),
            Map.entry("identifier-linked-elsewhere", "The identifier belongs to another subject"),
            Map.entry("last-identifier", "A subject keeps at least one identifier"),
            Map.entry("subject-merged", "The subject was merged into another"),
            Map.entry("subjects-not-mergeable", "The subjects cannot be merged"),
            Map.entry("idempotency-key-reused", "The idempotency key was used for another event"),
            Map.entry("confirmation-token-invalid", "The confirmation token is not valid"),
            Map.entry("confirmation-token-required", "Only the token sent to the person confirms a grant"));

    private Problem() {
    }

    /** The problem object, to be completed (e.g. with {@code errors}) and sent. */
    public static JsonObjectBuilder body(int status, String code, String detail) {
        JsonObjectBuilder body = Jsons.object()
                .add("type", TYPE_BASE + code)
                .add("title", TITLES.getOrDefault(code, code.replace('-', ' ')))
                .add("status", status)
                .add("code", code);
        if (detail != null) {
            body.add("detail", detail);
        }
        return body;
    }

    public static Response response(int status, JsonObjectBuilder body) {
        return Response.status(status).type(MEDIA_TYPE).entity(body.build().toString()).build();
    }

    public static Response response(int status, String code, String detail) {
        return response(status, body(status, code, detail));
    }

    /** The HTTP status a broken rule of {@code kind} answers with. */
    public static int statusOf(DomainException e) {
        return switch (e.kind()) {
            case INVALID_INPUT -> 400;
            case RULE_VIOLATION -> 422;
            case CONFLICT -> 409;
            case NOT_FOUND -> 404;
            case GONE -> 410;
        };
    }

    /** A problem about one field: {@code errors: [{field, message}]}. */
    public static Response invalid(String code, String field, String message) {
        JsonObjectBuilder body = body(400, code, field == null ? message : field + ": " + message);
        JsonObjectBuilder error = Jsons.object().add("message", message);
        if (field != null) {
            error.add("field", field);
        }
        body.add("errors", Jsons.array().add(error));
        return response(400, body);
    }
}
