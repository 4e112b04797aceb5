package org.opencpm.distribution;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expiry on the real distribution: a grant whose validity ran out is recorded as expired by
 * {@code POST /api/v1/consents:expire}, shows in the history, reaches the CRM (crm-webhook, at a
 * WireMock stub) with state expired, and a second run records and sends nothing.
 */
class ExpiryIT {

    private static final String ADMIN = "expiry-it-admin-key-0123456789abcdef";
    private static final String SECRET = "crm-shared-secret-for-the-expiry-test-01";
    private static final String CRM_PATH = "/crm/opencpm-events";
    private static final String PHONE = "13912345677";

    private WireMockServer crm;

    @BeforeEach
    void crm() {
        crm = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        crm.start();
        crm.stubFor(post(urlPathEqualTo(CRM_PATH)).willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void stopCrm() {
        crm.stop();
    }

    @Test
    @DisplayName("PIPL Art. 15, 19: an expiry run records the lapsed grant as expired, the CRM receives it, and a second run does nothing")
    void an_expiry_run_records_expired_events_that_reach_connectors_and_is_idempotent(@TempDir Path work) throws Exception {
        RunningServer unpacked = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", ADMIN)
                .withEnv("CRM_WEBHOOK_SECRET", SECRET);
        PluginDropInIT.configure(unpacked, "crm-webhook", """
                enabled=true
                url=http://127.0.0.1:%d%s
                secret=env:CRM_WEBHOOK_SECRET
                """.formatted(crm.port(), CRM_PATH));

        try (RunningServer server = unpacked.start()) {
            define(server);
            Instant grantedAt = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
            HttpResponse<String> granted = server.post("/api/v1/consents", ADMIN, Json.of("""
                    { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'trial-offers', 'action': 'grant',
                      'notice': {'code': 'trial-terms', 'version': '2026-01'}, 'channel': 'app', 'method': 'checkbox',
                      'occurredAt': '%s' }""".formatted(PHONE, grantedAt)));
            assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
            String subjectId = Json.parse(granted.body()).getString("subjectId");
            awaitAtCrm(subjectId, 1);

            HttpResponse<String> run = server.post("/api/v1/consents:expire", ADMIN, "");
            assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
            assertThat(Json.parse(run.body()).getInt("expired")).isEqualTo(1);

            JsonArray events = Json.parse(server.get("/api/v1/subjects/" + subjectId + "/history", ADMIN).body()).getJsonArray("events");
            assertThat(events).hasSize(2);
            JsonObject expired = events.getJsonObject(1);
            assertThat(expired.getString("action")).isEqualTo("expire");
            assertThat(expired.getString("state")).isEqualTo("expired");
            assertThat(OffsetDateTime.parse(expired.getString("occurredAt")).toInstant()).as("when the grant lapsed, not when the run was")
                    .isEqualTo(grantedAt.plus(Duration.ofDays(1)));
            awaitAtCrm(subjectId, 2);
            assertThat(atCrm(subjectId).get(1).getBodyAsString()).contains("\"state\":\"expired\"");
            assertThat(decide(server)).isEqualTo("false/expired");

            HttpResponse<String> again = server.post("/api/v1/consents:expire", ADMIN, "{}");
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            assertThat(Json.parse(again.body()).getInt("expired")).isZero();
            assertThat(Json.parse(server.get("/api/v1/subjects/" + subjectId + "/history", ADMIN).body()).getJsonArray("events"))
                    .hasSize(2);
            assertThat(Json.parse(server.get("/api/v1/audit/verify", ADMIN).body()).getBoolean("valid")).isTrue();
            String metrics = server.get("/metrics", ADMIN).body();
            assertThat(metrics).containsPattern("opencpm_consents_expired_total(\\{[^}]*})? 1(\\.0)?\\b");
            assertThat(metrics).contains("opencpm_retention_erasure_due");
            HttpResponse<String> openapi = server.get("/openapi", null);
            assertThat(openapi.statusCode()).isEqualTo(200);
            assertThat(openapi.body()).contains("/api/v1/consents:expire");
            assertThat(server.logText()).contains("consent expiry: recorded 1").doesNotContain(PHONE);
            // The connector had time to send a second change, had there been one: the grant's and the expiry's only.
            HttpResponse<String> probe = server.post("/api/v1/consents", ADMIN, Json.of("""
                    { 'subject': {'identifiers': [{'type': 'phone', 'value': '13912345678'}]}, 'purpose': 'trial-offers', 'action': 'grant',
                      'notice': {'code': 'trial-terms', 'version': '2026-01'}, 'channel': 'app', 'method': 'checkbox' }"""));
            String probeSubject = Json.parse(probe.body()).getString("subjectId");
            awaitAtCrm(probeSubject, 1);
            assertThat(atCrm(subjectId)).hasSize(2);
        }
    }

    private static void define(RunningServer server) {
        HttpResponse<String> purpose = server.put("/api/v1/purposes/trial-offers", ADMIN, Json.of("""
                { 'name': {'zh': '试用优惠', 'en': 'Trial offers'}, 'category': 'marketing', 'legalBasis': 'consent',
                  'dataElements': ['phone'], 'retentionDays': 30, 'validityDays': 1 }"""));
        assertThat(purpose.statusCode()).as(purpose.body()).isIn(200, 201);
        HttpResponse<String> notice = server.post("/api/v1/notices", ADMIN, Json.of("""
                { 'code': 'trial-terms', 'version': '2026-01', 'language': 'zh-CN', 'title': '试用条款',
                  'content': '试用优惠的短信', 'purposes': ['trial-offers'], 'material': true,
                  'publishedAt': '2026-01-01T00:00:00+08:00' }"""));
        assertThat(notice.statusCode()).as(notice.body()).isIn(200, 201);
    }

    private static String decide(RunningServer server) {
        JsonObject decision = Json.parse(server.post("/api/v1/decisions", ADMIN, Json.of("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'trial-offers', 'channel': 'sms' }"""
                .formatted(PHONE))).body());
        return decision.getBoolean("allowed") + "/" + decision.getString("reason");
    }

    private List<LoggedRequest> atCrm(String subjectId) {
        return crm.findAll(postRequestedFor(urlPathEqualTo(CRM_PATH)).withRequestBody(containing(subjectId)));
    }

    private void awaitAtCrm(String subjectId, int requests) {
        await(requests + " requests at the CRM").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> atCrm(subjectId).size() >= requests);
    }
}
