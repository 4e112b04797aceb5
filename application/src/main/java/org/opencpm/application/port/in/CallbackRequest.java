package org.opencpm.application.port.in;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencpm.domain.Checks;

/**
 * A platform's callback as it arrived at {@code /hooks/{connectorId}/{path}}: the connector it is
 * for, the rest of the path, the method, query parameters, headers and the raw body (signatures
 * are computed over raw bytes).
 */
public record CallbackRequest(String connectorId, String path, String method, Map<String, List<String>> query,
                              Map<String, List<String>> headers, byte[] body) {

    public CallbackRequest {
        Checks.requiredText(connectorId, "connectorId");
        Checks.required(path, "path");
        Checks.requiredText(method, "method");
        query = Map.copyOf(Checks.required(query, "query"));
        headers = Map.copyOf(Checks.required(headers, "headers"));
        body = Checks.required(body, "body").clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The first value of header {@code name}, looked up without regard to case. */
    public Optional<String> header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).findFirst();
    }
}
