package org.opencpm.connectors.api;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the platform answered a delivery's HTTP call: given to the connector's {@link AnswerMapping}
 * so that it can read what only the platform's own format says.
 *
 * @param status  the HTTP status ({@code 200}, {@code 404}…)
 * @param headers the answer's headers (as Camel keeps them: names as the platform sent them)
 * @param body    the answer's body as text; empty when there was none
 */
public record PlatformAnswer(int status, Map<String, String> headers, String body) {

    public PlatformAnswer {
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    /** The value of header {@code name}, whatever its case. */
    public Optional<String> header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }

    /** Whether the status is 2xx: the call went through as far as HTTP is concerned. */
    public boolean successful() {
        return status >= 200 && status < 300;
    }
}
