package org.opencpm.adapters.rest;

import jakarta.ws.rs.client.WebTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Posts raw bodies to the streaming endpoints with the JDK's client: any content type, any
 * {@code Accept}, a query string as written, and the answer read whole as UTF-8 text.
 */
final class StreamingClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;
    private final String key;

    StreamingClient(WebTarget target, String key) {
        URI uri = target.getUri();
        this.base = URI.create("http://" + uri.getHost() + ":" + uri.getPort() + "/");
        this.key = key;
    }

    StreamingClient as(String otherKey) {
        return new StreamingClient(base, otherKey);
    }

    private StreamingClient(URI base, String key) {
        this.base = base;
        this.key = key;
    }

    /** The port the server under test listens on. */
    int port() {
        return base.getPort();
    }

    HttpResponse<String> post(String pathAndQuery, String contentType, String accept, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> post(String pathAndQuery, String contentType, String accept, String body) {
        return post(pathAndQuery, contentType, accept, body.getBytes(StandardCharsets.UTF_8));
    }
}
