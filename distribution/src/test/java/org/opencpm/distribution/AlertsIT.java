package org.opencpm.distribution;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Risk alerts on the real distribution: a burst of failed authentications over HTTP raises one
 * auth-failures alert, listed at GET /api/v1/alerts, counted at /metrics and sent as JSON to the
 * configured webhook (a WireMock stub). The evaluation runs every second here (opencpm.alerts.interval).
 */
class AlertsIT {

    private static final String ADMIN = "alerts-it-admin-key-0123456789abcdef";
    private static final String HOOK = "/hooks/alerts";

    private WireMockServer hook;

    @BeforeEach
    void hook() {
        hook = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        hook.start();
        hook.stubFor(post(urlPathEqualTo(HOOK)).willReturn(aResponse().withStatus(204)));
    }

    @AfterEach
    void stopHook() {
        hook.stop();
    }

    @Test
    @DisplayName("PIPL Art. 51, 54: failed authentications over HTTP raise an alert, listed, counted in /metrics and sent to the webhook")
    void a_failed_authentication_burst_raises_an_alert(@TempDir Path work) throws Exception {
        RunningServer unpacked = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", ADMIN)
                .withEnv("OPENCPM_ALERTS_INTERVAL", "PT1S").withEnv("OPENCPM_ALERTS_AUTH_FAILURES_MAX", "3")
                .withEnv("OPENCPM_ALERTS_WEBHOOK_URL", "http://127.0.0.1:" + hook.port() + HOOK);
        try (RunningServer server = unpacked.start()) {
            for (int i = 0; i < 5; i++) {
                assertThat(server.get("/api/v1/purposes", "opk_wrong-guess-" + i).statusCode()).isEqualTo(401);
            }

            JsonArray alerts = await().atMost(Duration.ofSeconds(90)).until(() -> alerts(server), list -> !list.isEmpty());

            JsonObject alert = alerts.getJsonObject(0);
            assertThat(alert.getString("rule")).isEqualTo("auth-failures");
            assertThat(alert.getString("severity")).isEqualTo("critical");
            assertThat(Integer.parseInt(alert.getJsonObject("detail").getString("count"))).isGreaterThanOrEqualTo(4);
            assertThat(alerts.toString()).doesNotContain("opk_wrong").doesNotContain("127.0.0.1");
            String metrics = server.get("/metrics", ADMIN).body();
            assertThat(metrics).containsPattern("opencpm_alerts_total\\{[^}]*rule=\"auth-failures\"[^}]*} 1(\\.0)?\\b");
            assertThat(metrics).contains("opencpm_alerts_open");
            List<LoggedRequest> sent = await().atMost(Duration.ofSeconds(10))
                    .until(() -> hook.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo(HOOK))),
                            list -> !list.isEmpty());
            JsonObject delivered = jakarta.json.Json.createReader(new StringReader(sent.get(0).getBodyAsString())).readObject();
            assertThat(delivered.getString("id")).isEqualTo(alert.getString("id"));
            assertThat(server.get("/api/v1/alerts", "opk_wrong").statusCode()).isEqualTo(401);
        }
    }

    private static JsonArray alerts(RunningServer server) {
        HttpResponse<String> reply = server.get("/api/v1/alerts", ADMIN);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return jakarta.json.Json.createReader(new StringReader(reply.body())).readArray();
    }
}
