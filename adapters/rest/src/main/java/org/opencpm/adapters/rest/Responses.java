package org.opencpm.adapters.rest;

import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** JSON responses, written as text so that no JSON provider's quirks stand between us and the wire. */
public final class Responses {

    private Responses() {
    }

    public static Response json(int status, JsonStructure body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).entity(body.toString()).build();
    }

    public static Response ok(JsonObject body) {
        return json(200, body);
    }

    public static Response created(JsonObject body) {
        return json(201, body);
    }
}
