package org.opencpm.distribution;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencpm.connectors.api.Hmac;

/**
 * The bundled crm-webhook's inbound path in the real process on its embedded database: every
 * event needs the CRM's id and is recorded at most once, for ever (a captured grant replayed after
 * the person withdrew records nothing, also after a restart); each event is answered as recorded,
 * duplicate or refused with its reason, 422 when nothing was recorded; refusals are counted in the
 * connectors list and at {@code /metrics}.
 */
class InboundHooksIT {

    static final String ADMIN = "inbound-hooks-admin-key-0000000000001";
    static final String SECRET = "crm-shared-secret-for-the-inbound-test-1";
    private static final String PHONE = "13912345601";
    private static final String OTHER_PHONE = "13912345602";
    private static final String NOTICE = "'notice': {'code': 'privacy-policy', 'version': '2026-01'}, 'channel': 'app', 'method': 'checkbox'";

    private WireMockServer crm;

    @BeforeEach
    void aCrm() {
        crm = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        crm.start();
        crm.stubFor(post(urlPathEqualTo("/crm/opencpm-events")).willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void stopTheCrm() {
        crm.stop();
    }

    @Test
    @DisplayName("PIPL Art. 15: a replayed inbound event records nothing and is a duplicate, also after a restart; refused events are answered with their reasons and counted")
    void inbound_events_are_recorded_at_most_once_and_answered_per_event(@TempDir Path work) throws Exception {
        RunningServer unpacked = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", ADMIN)
                .withEnv("CRM_WEBHOOK_SECRET", SECRET);
        PluginDropInIT.configure(unpacked, "crm-webhook", """
                enabled=true
                url=http://127.0.0.1:%d/crm/opencpm-events
                secret=env:CRM_WEBHOOK_SECRET
                """.formatted(crm.port()));
        String subjectId;
        String capturedGrant = event("crm-g-1", PHONE, "marketing-sms", "grant", NOTICE);
        try (RunningServer server = unpacked.start()) {
            DistributionIT.defineCatalogue(server, ADMIN);
            subjectId = grantByApi(server, PHONE);
            grantByApi(server, OTHER_PHONE);

            // The person withdraws in the CRM, grants again, withdraws again: each recorded once.
            assertThat(outcomes(hook(server, event("crm-w-1", PHONE, "marketing-sms", "withdraw", "'method': 'button'"), 200)))
                    .containsExactly("recorded");
            long signedAt = Instant.now().getEpochSecond();
            HttpResponse<String> grant = send(server, capturedGrant, signedAt);
            assertThat(grant.statusCode()).as(grant.body()).isEqualTo(200);
            assertThat(outcomes(grant)).containsExactly("recorded");
            assertThat(outcomes(hook(server, event("crm-w-2", PHONE, "marketing-sms", "withdraw", "'method': 'button'"), 200)))
                    .containsExactly("recorded");

            // The captured grant, replayed as it was signed: a duplicate, and the person stays withdrawn.
            HttpResponse<String> replay = send(server, capturedGrant, signedAt);
            assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
            assertThat(outcomes(replay)).containsExactly("duplicate");
            assertThat(Json.parse(replay.body()).getInt("recorded")).isZero();
            assertWithdrawnAfter(server, subjectId, 4);

            // The same id with other content records nothing either: refused, since it is not the event recorded under that id.
            HttpResponse<String> reused = hook(server, event("crm-g-1", PHONE, "marketing-sms", "grant",
                    NOTICE + ", 'evidence': 'something else'"), 422);
            assertThat(firstEvent(reused).getString("code")).isEqualTo("idempotency-key-reused");

            // An event without an id is refused: 422, nothing recorded.
            HttpResponse<String> noId = hook(server, Json.of("""
                    { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms', 'action': 'grant', %s }"""
                    .formatted(PHONE, NOTICE)), 422);
            assertThat(firstEvent(noId).getString("outcome")).isEqualTo("refused");
            assertThat(firstEvent(noId).getString("code")).isEqualTo("event-id-required");
            assertWithdrawnAfter(server, subjectId, 4);

            // A batch is answered per event: one recorded, the rest refused with their reasons.
            String batch = "[" + String.join(",",
                    event("crm-b-1", OTHER_PHONE, "marketing-sms", "withdraw", "'method': 'button'"),
                    event("crm-b-2", OTHER_PHONE, "no-such-purpose", "withdraw", "'method': 'button'"),
                    event("crm-b-3", "12", "marketing-sms", "withdraw", "'method': 'button'"),
                    event("crm-b-4", OTHER_PHONE, "marketing-sms", "grant", "'channel': 'app', 'method': 'checkbox'"),
                    event("crm-b-5", OTHER_PHONE, "marketing-sms", "withdraw", "'method': 'button', 'occurredAt': '2099-01-01T00:00:00+08:00'"))
                    + "]";
            HttpResponse<String> mixed = hook(server, batch, 200);
            assertThat(outcomes(mixed)).containsExactly("recorded", "refused", "refused", "refused", "refused");
            JsonArray events = Json.parse(mixed.body()).getJsonArray("events");
            assertThat(events.getJsonObject(1).getString("code")).isEqualTo("unknown-purpose");
            assertThat(events.getJsonObject(2).getString("code")).as("a phone that is no phone").isEqualTo("invalid-value");
            assertThat(events.getJsonObject(3).getString("code")).as("a grant without its notice").isEqualTo("notice-required");
            assertThat(events.getJsonObject(4).getString("reason")).as("an event in the future").contains("occurredAt");
            assertThat(events.getJsonObject(4).getString("id")).isEqualTo("crm-b-5");

            // The same event sent six times at once (a platform retrying over a slow link): recorded once.
            String concurrent = event("crm-c-1", OTHER_PHONE, "marketing-sms", "grant", NOTICE);
            long at = Instant.now().getEpochSecond();
            List<String> seen = new ArrayList<>();
            try (ExecutorService clients = Executors.newFixedThreadPool(6)) {
                List<Future<HttpResponse<String>>> sent = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    sent.add(clients.submit(() -> send(server, concurrent, at)));
                }
                for (Future<HttpResponse<String>> answer : sent) {
                    HttpResponse<String> reply = answer.get(60, TimeUnit.SECONDS);
                    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
                    seen.addAll(outcomes(reply));
                }
            }
            assertThat(seen).containsExactlyInAnyOrder("recorded", "duplicate", "duplicate", "duplicate", "duplicate", "duplicate");

            JsonObject connector = PluginDropInIT.byId(Json.parseArray(server.get("/api/v1/connectors", ADMIN).body())).get("crm-webhook");
            assertThat(connector.getInt("inboundRecorded")).isEqualTo(5);
            assertThat(connector.getInt("inboundDuplicates")).isEqualTo(6);
            assertThat(connector.getInt("inboundRefused")).isEqualTo(6);
            assertThat(connector.getInt("inboundFailed")).isZero();
            await("the refusals at /metrics").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> server.get("/metrics", ADMIN).body(), metrics -> metrics.matches(
                            "(?s).*opencpm_connector_inbound_refused\\{connector=\"crm-webhook\"[^}]*} 6(\\.0)?\\b.*"));
            assertThat(server.logText()).doesNotContain(SECRET).doesNotContain(PHONE).doesNotContain(OTHER_PHONE);
        }

        // A week later — or after any restart — the platform sends the grant once more, freshly signed: still a duplicate.
        try (RunningServer server = unpacked.start()) {
            HttpResponse<String> late = send(server, capturedGrant, Instant.now().getEpochSecond());
            assertThat(late.statusCode()).as(late.body()).isEqualTo(200);
            assertThat(outcomes(late)).containsExactly("duplicate");
            assertWithdrawnAfter(server, subjectId, 4);
        }
    }

    private static String event(String id, String phone, String purpose, String action, String more) {
        return Json.of("""
                { 'id': '%s', 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': '%s', 'action': '%s', %s }"""
                .formatted(id, phone, purpose, action, more));
    }

    private static String grantByApi(RunningServer server, String phone) {
        HttpResponse<String> granted = server.post("/api/v1/consents", ADMIN, Json.of("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms', 'action': 'grant', %s }"""
                .formatted(phone, NOTICE)));
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
        return Json.parse(granted.body()).getString("subjectId");
    }

    /** The CRM's callback, signed now; its status must be {@code status}. */
    private static HttpResponse<String> hook(RunningServer server, String body, int status) {
        HttpResponse<String> answer = send(server, body, Instant.now().getEpochSecond());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        return answer;
    }

    private static HttpResponse<String> send(RunningServer server, String body, long timestamp) {
        return server.postRaw("/hooks/crm-webhook/events", body, Map.of("X-OpenCPM-Timestamp", Long.toString(timestamp),
                "X-OpenCPM-Signature", "sha256=" + Hmac.sha256Hex(SECRET, timestamp + "." + body)));
    }

    private static List<String> outcomes(HttpResponse<String> answer) {
        return Json.parse(answer.body()).getJsonArray("events").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("outcome")).toList();
    }

    private static JsonObject firstEvent(HttpResponse<String> answer) {
        return Json.parse(answer.body()).getJsonArray("events").getJsonObject(0);
    }

    private static void assertWithdrawnAfter(RunningServer server, String subjectId, int events) {
        JsonArray history = Json.parse(server.get("/api/v1/subjects/" + subjectId + "/history", ADMIN).body()).getJsonArray("events");
        assertThat(history).as("nothing more was recorded").hasSize(events);
        assertThat(history.getJsonObject(events - 1).getString("action")).isEqualTo("withdraw");
    }
}
