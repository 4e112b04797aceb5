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
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person's export from the real distribution, on its database, with the bundled crm-webhook
 * sending to a stub CRM (PIPL Art. 45): the document parses, holds the phone in clear, the notice's
 * text and hash, the evidence ip among the history's personal data, and the delivery to the CRM.
 */
class SubjectExportIT {

    private static final String ADMIN = "subject-export-admin-key-0000000000001";
    private static final String SECRET = "crm-shared-secret-for-the-export-test-1";
    private static final String PHONE = "13912345622";
    private static final String IP = "198.51.100.77";
    private static final String CRM_PATH = "/crm/opencpm-events";

    private WireMockServer crm;

    @BeforeEach
    void stubCrm() {
        crm = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        crm.start();
        crm.stubFor(post(urlPathEqualTo(CRM_PATH)).willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void stopCrm() {
        crm.stop();
    }

    @Test
    @DisplayName("PIPL Art. 45: over HTTP, a granted person's export holds their phone, the notice text and hash, the ip, the CRM delivery")
    void a_granted_person_downloads_their_export(@TempDir Path work) throws Exception {
        RunningServer unpacked = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", ADMIN)
                .withEnv("CRM_WEBHOOK_SECRET", SECRET);
        PluginDropInIT.configure(unpacked, "crm-webhook", """
                enabled=true
                url=http://127.0.0.1:%d%s
                secret=env:CRM_WEBHOOK_SECRET
                """.formatted(crm.port(), CRM_PATH));
        try (RunningServer server = unpacked.start()) {
            DistributionIT.defineCatalogue(server, ADMIN);
            String integrator = key(server, "member-centre", "integrator");
            String auditor = key(server, "auditor", "auditor");
            HttpResponse<String> granted = server.post("/api/v1/consents", integrator, Json.of("""
                    { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms', 'action': 'grant',
                      'notice': {'code': 'privacy-policy', 'version': '2026-01'}, 'channel': 'app', 'method': 'checkbox',
                      'evidence': {'ip': '%s', 'userAgent': 'MicroMessenger/8.0'} }""".formatted(PHONE, IP)));
            assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
            String subjectId = Json.parse(granted.body()).getString("subjectId");
            await("the CRM has the grant").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !crm.findAll(postRequestedFor(urlPathEqualTo(CRM_PATH)).withRequestBody(containing(subjectId))).isEmpty());
            JsonObject notice = Json.parse(server.get("/api/v1/notices/privacy-policy/versions/2026-01", ADMIN).body());
            String path = "/api/v1/subjects/" + subjectId + "/export";

            HttpResponse<String> exported = await("the delivery is acknowledged").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200)).until(() -> server.get(path, integrator),
                            reply -> reply.statusCode() != 200 || reply.body().contains("\"status\":\"delivered\""));

            assertThat(exported.statusCode()).as(exported.body()).isEqualTo(200);
            assertThat(exported.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(exported.headers().firstValue("Content-Disposition"))
                    .contains("attachment; filename=\"opencpm-export-" + subjectId + ".json\"");
            JsonObject doc = Json.parse(exported.body());
            assertThat(doc.getString("subjectId")).isEqualTo(subjectId);
            assertThat(doc.getJsonArray("identifiers").getJsonObject(0).getString("value")).isEqualTo("+86" + PHONE);
            JsonObject shown = doc.getJsonArray("notices").getJsonObject(0);
            assertThat(shown.getString("content")).isEqualTo(notice.getString("content"));
            assertThat(shown.getString("contentHash")).isEqualTo(notice.getString("contentHash"));
            JsonArray history = doc.getJsonArray("history");
            assertThat(history.getJsonObject(0).getJsonObject("personal").getString("ip")).isEqualTo(IP);
            assertThat(history.getJsonObject(0).getJsonObject("details")).doesNotContainKey("sealed");
            assertThat(history.getJsonObject(history.size() - 1).getString("type")).isEqualTo("subject_exported");
            assertThat(doc.getJsonArray("receipts").getJsonObject(0).getString("auditHash"))
                    .isEqualTo(history.getJsonObject(0).getString("hash"));
            assertThat(doc.getJsonArray("deliveries")).singleElement().satisfies(d -> {
                JsonObject delivery = d.asJsonObject();
                assertThat(delivery.getString("connector")).isEqualTo("crm-webhook");
                assertThat(delivery.getString("purpose")).isEqualTo("marketing-sms");
                assertThat(delivery.getString("state")).isEqualTo("granted");
                assertThat(delivery.getString("status")).isEqualTo("delivered");
                assertThat(delivery.get("deliveredAt")).isNotNull().isNotEqualTo(JsonValue.NULL);
            });

            assertThat(server.get(path, auditor).statusCode()).as("no identifiers in clear for auditors").isEqualTo(403);
            assertThat(server.get("/api/v1/subjects/no-such-subject/export", integrator).statusCode()).isEqualTo(404);
            assertThat(Json.parse(server.get("/api/v1/audit/verify", ADMIN).body()).getBoolean("valid")).isTrue();
            assertThat(server.logText()).doesNotContain(PHONE).doesNotContain(IP);
        }
    }

    private static String key(RunningServer server, String name, String role) {
        HttpResponse<String> created = server.post("/api/v1/api-keys", ADMIN, Json.of("{ 'name': '%s', 'roles': ['%s'] }"
                .formatted(name, role)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Json.parse(created.body()).getString("key");
    }
}
