package org.opencpm.distribution;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.opencpm.application.port.out.AlertSink;
import org.opencpm.domain.alert.Alert;

/**
 * Sends each alert as one JSON POST ({@code {id, rule, severity, raisedAt, detail}}, as GET
 * /api/v1/alerts lists it) to the configured URL: a chat bot, an incident tool, a SIEM. Why not a
 * connector through the outbox: see ADR 0012. One try, five seconds at most; a failure throws, the
 * alert stays kept and listed, and the next alert is tried anyway.
 */
final class WebhookAlertSink implements AlertSink {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final URI url;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    WebhookAlertSink(URI url) {
        this.url = url;
    }

    @Override
    public void deliver(Alert alert) {
        JsonObjectBuilder detail = Json.createObjectBuilder();
        alert.detail().forEach(detail::add);
        String body = Json.createObjectBuilder().add("id", alert.id()).add("rule", alert.rule()).add("severity", alert.severity().code())
                .add("raisedAt", alert.raisedAt().toString()).add("detail", detail).build().toString();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status < 200 || status > 299) {
                throw new IllegalStateException("the alert webhook answered " + status);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the alert webhook did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending an alert", e);
        }
    }
}
