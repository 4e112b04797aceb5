package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.net.http.HttpResponse;

/**
 * The one check of a refusal, whichever client a test sends with: the status, the problem+json
 * media type, and a body that is an RFC 9457 problem (its {@code type} ends in its {@code code},
 * its {@code status} is the response's, it has a title and says what was wrong).
 */
final class Problems {

    private Problems() {
    }

    static void assertProblem(Api.Reply reply, int status, String code) {
        assertProblem(reply.status(), reply.contentType(), reply.body(), status, code);
    }

    /** A refusal with whatever code: for a request several rules could refuse. */
    static void assertProblem(Api.Reply reply, int status) {
        assertProblem(reply.status(), reply.contentType(), reply.body(), status, null);
    }

    static void assertProblem(HttpResponse<String> reply, int status, String code) {
        assertProblem(reply.statusCode(), reply.headers().firstValue("Content-Type").orElse(""), reply.body(), status, code);
    }

    static void assertProblem(Response reply, int status, String code) {
        String body = reply.readEntity(String.class);
        assertProblem(reply.getStatus(), String.valueOf(reply.getMediaType()), body, status, code);
    }

    private static void assertProblem(int actualStatus, String contentType, String body, int status, String code) {
        assertThat(actualStatus).as(body).isEqualTo(status);
        assertThat(contentType).as(body).startsWith("application/problem+json");
        JsonObject problem;
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            problem = reader.readObject();
        }
        String actualCode = problem.getString("code");
        if (code != null) {
            assertThat(actualCode).as(body).isEqualTo(code);
        }
        assertThat(problem.getString("type")).as(body).endsWith("/" + actualCode);
        assertThat(problem.getInt("status")).as(body).isEqualTo(status);
        assertThat(problem.getString("title")).as(body).isNotBlank();
        assertThat(problem.getString("detail", "")).as(body).isNotBlank();
    }
}
