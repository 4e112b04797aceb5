package org.opencpm.connectors.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A platform's callback as it arrived at {@code /hooks/<connector>/<path>}: check its signature
 * or token over the raw {@link #body()}.
 */
public record InboundRequest(String path, String method, Map<String, List<String>> query, Map<String, List<String>> headers,
                             byte[] body) {

    public InboundRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /**
     * The first value of query parameter {@code name}: what platforms that sign or authenticate
     * callbacks in the query need (the SMS gateways' {@code ?token=}, WeChat's {@code signature},
     * {@code timestamp} and {@code nonce}).
     */
    public Optional<String> queryParam(String name) {
        return Optional.ofNullable(query.get(name)).flatMap(values -> values.stream().findFirst());
    }

    /** The first value of header {@code name}, whatever its case. */
    public Optional<String> header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).findFirst();
    }
}
