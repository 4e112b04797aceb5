package org.opencpm.demo;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** OpenCPM's public HTTP API as the demo calls it: with the demo's admin key, JSON in and out. */
final class OpenCpmApi {

    /** An answer: its status and its body read as a JSON object (empty when it is none). */
    record Answer(int status, JsonObject json, String text) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String adminKey;

    OpenCpmApi(URI base, String adminKey) {
        this.base = base;
        this.adminKey = adminKey;
    }

    URI base() {
        return base;
    }

    Answer get(String path) {
        return send(request(path).GET());
    }

    Answer post(String path, JsonObject body) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    Answer put(String path, JsonObject body) {
        return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** A POST as a platform's callback comes: no API key (a hook authenticates the platform its own way). */
    Answer postAsPlatform(String pathAndQuery, String json) {
        return send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Whether the page at {@code path} is there (200 without a key): a build may not have every page yet. */
    boolean serves(String path) {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether {@code /health/ready} answers 200 now. */
    boolean ready() {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve("/health/ready")).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + adminKey)
                .header("Accept", "application/json");
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonObject json;
            try {
                json = Json.createReader(new StringReader(answer.body())).readObject();
            } catch (RuntimeException notAnObject) {
                json = JsonObject.EMPTY_JSON_OBJECT;
            }
            return new Answer(answer.statusCode(), json, answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
