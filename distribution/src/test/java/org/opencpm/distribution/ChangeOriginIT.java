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
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencpm.connectors.api.Hmac;

/**
 * No echo, in the real process with the bundled crm-webhook and a second platform (the relay test
 * plugin): a withdrawal the CRM posts to its hook reaches the other platform, never the CRM
 * itself; a change made through the API reaches both.
 */
class ChangeOriginIT {

    static final String ADMIN = "change-origin-admin-key-000000000000001";
    static final String SECRET = "crm-shared-secret-for-the-origin-test-01";
    private static final String PHONE = "13912345611";
    private static final String NOTICE = "'notice': {'code': 'privacy-policy', 'version': '2026-01'}, 'channel': 'app', 'method': 'checkbox'";
    private static final String CRM_PATH = "/crm/opencpm-events";
    private static final String RELAY_PATH = "/relay/changes";

    private WireMockServer platforms;

    @BeforeEach
    void twoPlatforms() {
        platforms = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        platforms.start();
        platforms.stubFor(post(urlPathEqualTo(CRM_PATH)).willReturn(aResponse().withStatus(200)));
        platforms.stubFor(post(urlPathEqualTo(RELAY_PATH)).willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void stopThem() {
        platforms.stop();
    }

    @Test
    @DisplayName("PIPL Art. 15: a withdrawal the CRM sent reaches the other platform and is not sent back to the CRM")
    void a_change_from_a_platform_reaches_the_others_but_not_itself(@TempDir Path work) throws Exception {
        RunningServer unpacked = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", ADMIN)
                .withEnv("CRM_WEBHOOK_SECRET", SECRET);
        Files.copy(PluginDropInIT.testPlugin("opencpm-test-plugin-relay"), unpacked.home.resolve("plugins/relay.zip"));
        PluginDropInIT.configure(unpacked, "crm-webhook", """
                enabled=true
                url=http://127.0.0.1:%d%s
                secret=env:CRM_WEBHOOK_SECRET
                """.formatted(platforms.port(), CRM_PATH));
        PluginDropInIT.configure(unpacked, "relay", """
                enabled=true
                url=http://127.0.0.1:%d%s
                """.formatted(platforms.port(), RELAY_PATH));

        try (RunningServer server = unpacked.start()) {
            DistributionIT.defineCatalogue(server, ADMIN);
            String subjectId = grantByApi(server);
            awaitAt(CRM_PATH, subjectId, 1);
            awaitAt(RELAY_PATH, subjectId, 1);

            // The person withdraws in the CRM: recorded, and carried to the relay only.
            String withdrawal = Json.of("""
                    { 'id': 'crm-w-1', 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms',
                      'action': 'withdraw', 'method': 'button' }""".formatted(PHONE));
            long now = Instant.now().getEpochSecond();
            HttpResponse<String> hook = server.postRaw("/hooks/crm-webhook/events", withdrawal, Map.of("X-OpenCPM-Timestamp",
                    Long.toString(now), "X-OpenCPM-Signature", "sha256=" + Hmac.sha256Hex(SECRET, now + "." + withdrawal)));
            assertThat(hook.statusCode()).as(hook.body()).isEqualTo(200);
            awaitAt(RELAY_PATH, subjectId, 2);
            assertThat(at(RELAY_PATH, subjectId).get(1).getBodyAsString()).contains(";withdrawn;");

            // A later change made through the API reaches the CRM too; it goes out in version order per
            // subject, so had the withdrawal been queued for the CRM, the CRM would have had it first.
            grantByApi(server);
            awaitAt(RELAY_PATH, subjectId, 3);
            awaitAt(CRM_PATH, subjectId, 2);
            assertThat(at(CRM_PATH, subjectId)).extracting(LoggedRequest::getBodyAsString)
                    .noneMatch(body -> body.contains("\"state\":\"withdrawn\""))
                    .allMatch(body -> body.contains("\"state\":\"granted\""));
            JsonObjects connectors = new JsonObjects(PluginDropInIT.byId(Json.parseArray(server.get("/api/v1/connectors", ADMIN).body())));
            assertThat(connectors.deliveries("crm-webhook")).as("the CRM's deliveries: the two grants").isEqualTo(2);
            assertThat(connectors.deliveries("relay")).isEqualTo(3);
        }
    }

    /** Deliveries written per connector, whatever became of them, from {@code GET /api/v1/connectors}. */
    private record JsonObjects(Map<String, jakarta.json.JsonObject> byId) {
        int deliveries(String id) {
            jakarta.json.JsonObject c = byId.get(id);
            return c.getInt("pending") + c.getInt("inflight") + c.getInt("delivered") + c.getInt("dead");
        }
    }

    private static String grantByApi(RunningServer server) {
        HttpResponse<String> granted = server.post("/api/v1/consents", ADMIN, Json.of("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms', 'action': 'grant', %s }"""
                .formatted(PHONE, NOTICE)));
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
        return Json.parse(granted.body()).getString("subjectId");
    }

    private List<LoggedRequest> at(String path, String subjectId) {
        return platforms.findAll(postRequestedFor(urlPathEqualTo(path)).withRequestBody(containing(subjectId)));
    }

    private void awaitAt(String path, String subjectId, int requests) {
        await(requests + " requests at " + path).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> at(path, subjectId).size() >= requests);
    }
}
