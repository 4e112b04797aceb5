package org.opencpm.adapters.rest;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.util.concurrent.atomic.AtomicLong;

/** A small client for the API under test: raw JSON in, status and parsed JSON out. */
final class Api {

    private static final AtomicLong PHONES = new AtomicLong(13_600_000_000L);

    private final WebTarget target;
    private final String key;

    Api(WebTarget target, String key) {
        this.target = target;
        this.key = key;
    }

    Api as(String otherKey) {
        return new Api(target, otherKey);
    }

    /** A phone number no other test uses. */
    static String freshPhone() {
        return Long.toString(PHONES.incrementAndGet());
    }

    record Reply(int status, String contentType, String body, Response response) {
        JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        JsonArray array() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readArray();
            }
        }
    }

    Invocation.Builder request(String path) {
        return request(target.path(path));
    }

    private Invocation.Builder request(WebTarget at) {
        Invocation.Builder request = at.request();
        return key == null ? request : request.header("Authorization", "Bearer " + key);
    }

    Reply get(String path) {
        return reply(request(path).get());
    }

    Reply get(String path, String accept) {
        return reply(request(path).accept(accept).get());
    }

    /** A GET with query parameters, given as name, value, name, value… */
    Reply get(String path, String... query) {
        WebTarget at = target.path(path);
        for (int i = 0; i + 1 < query.length; i += 2) {
            at = at.queryParam(query[i], query[i + 1]);
        }
        return reply(request(at).get());
    }

    Reply post(String path, String json) {
        return reply(request(path).post(Entity.entity(json, "application/json")));
    }

    Reply put(String path, String json) {
        return reply(request(path).put(Entity.entity(json, "application/json")));
    }

    Reply delete(String path) {
        return reply(request(path).delete());
    }

    /** A DELETE with a JSON body (the client refuses one unless told HTTP allows it, which it does). */
    Reply delete(String path, String json) {
        return reply(request(path).property("jersey.config.client.suppressHttpComplianceValidation", true)
                .method("DELETE", Entity.entity(json, "application/json")));
    }

    /** A request with a body of raw bytes, declared as {@code contentType}: for bodies no String can carry. */
    Reply send(String method, String path, byte[] body, String contentType) {
        return reply(request(path).method(method, Entity.entity(body, contentType)));
    }

    static Reply reply(Response response) {
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        return new Reply(response.getStatus(), response.getHeaderString("Content-Type"), body, response);
    }

    /** Single quotes stand for double quotes, so JSON in Java reads cleanly. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }
}
