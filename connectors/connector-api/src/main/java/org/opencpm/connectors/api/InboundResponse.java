package org.opencpm.connectors.api;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The answer the platform expects to its callback, and the consent events to record from it. */
public record InboundResponse(int status, String contentType, byte[] body, List<ConsentCommand> commands) {

    public InboundResponse {
        body = body.clone();
        commands = List.copyOf(commands);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public static InboundResponse json(int status, String json, List<ConsentCommand> commands) {
        return new InboundResponse(status, "application/json", json.getBytes(StandardCharsets.UTF_8), commands);
    }

    /** A refused callback (bad signature or token): nothing is recorded. */
    public static InboundResponse unauthorized(String json) {
        return json(401, json, List.of());
    }
}
