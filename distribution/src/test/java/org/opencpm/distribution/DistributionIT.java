package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tarball an operator downloads: unpacked, run, used over HTTP, restarted — and the data is still there. */
class DistributionIT {

    private static final String PHONE = "13800138000";

    @Test
    @DisplayName("The API's main scenario (openapi.yml) against the real distribution, surviving a restart")
    void the_distribution_runs_the_consent_scenario_and_keeps_its_data(@TempDir Path work) throws Exception {
        try (RunningServer server = RunningServer.unpack(work).start()) {
            Path keyFile = server.data.resolve(OpenCpmWiring.INITIAL_ADMIN_KEY_FILE);
            assertThat(server.logText()).contains(keyFile.toString());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
            String admin = Files.readString(keyFile).strip();

            defineCatalogue(server, admin);
            HttpResponse<String> granted = server.post("/api/v1/consents", admin, Json.of("""
                    { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms', 'action': 'grant',
                      'notice': {'code': 'privacy-policy', 'version': '2026-01'}, 'channel': 'miniprogram', 'method': 'checkbox',
                      'evidence': {'ip': '203.0.113.9'}, 'occurredAt': '2026-11-29T10:00:00+08:00' }""".formatted(PHONE)));
            assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
            String subjectId = Json.parse(granted.body()).getString("subjectId");

            HttpResponse<String> found = server.post("/api/v1/subjects:lookup", admin,
                    Json.of("{'identifiers': [{'type': 'phone', 'value': '+86 138-0013-8000'}]}"));
            assertThat(Json.parse(found.body()).getString("subjectId")).isEqualTo(subjectId);
            assertThat(decide(server, admin)).isEqualTo("true/granted");

            HttpResponse<String> withdrawn = server.post("/api/v1/consents", admin, Json.of("""
                    { 'subject': {'identifiers': [{'type': 'phone', 'value': '138 0013 8000'}]}, 'purpose': 'marketing-sms',
                      'action': 'withdraw', 'channel': 'sms', 'method': 'sms_reply' }"""));
            assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(201);
            assertThat(decide(server, admin)).isEqualTo("false/withdrawn");
            assertHistory(server, admin, subjectId);
            assertThat(Json.parse(server.get("/api/v1/audit/verify", admin).body()).getBoolean("valid")).isTrue();

            server.stop();
            server.start();

            assertThat(decide(server, admin)).as("the decision index is rebuilt from the database").isEqualTo("false/withdrawn");
            assertHistory(server, admin, subjectId);
            JsonObject verified = Json.parse(server.get("/api/v1/audit/verify", admin).body());
            assertThat(verified.getBoolean("valid")).isTrue();
            assertThat(server.logText()).doesNotContain(PHONE).doesNotContain("+8613800138000");
            assertThat(server.get("/metrics", admin).body()).contains("opencpm_consent_events_total");
            assertThat(server.get("/health/live", null).statusCode()).isEqualTo(200);
        }
        Path home = work.resolve(System.getProperty("opencpm.dist.name"));
        try (Stream<Path> top = Files.list(home)) {
            assertThat(top.map(p -> p.getFileName().toString()).collect(Collectors.toSet()))
                    .as("nothing written beside the distribution's own folders")
                    .isEqualTo(Set.of("bin", "conf", "lib", "plugins", "data", "logs", "README.md"));
        }
    }

    @Test
    void start_status_and_stop_manage_a_background_server(@TempDir Path work) throws Exception {
        try (RunningServer server = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", "an-operator-chosen-admin-key-0001")) {
            assertThat(run(server, "status")).isEqualTo(3);
            assertThat(run(server, "start")).isZero();
            server.awaitReadyInBackground();
            assertThat(run(server, "status")).isZero();
            ProcessBuilder elsewhere = server.command("status");
            elsewhere.environment().remove("OPENCPM_HTTP_PORT");
            assertThat(run(elsewhere)).as("status from a shell without the server's OPENCPM_HTTP_PORT").isZero();
            assertThat(server.get("/api/v1/purposes", "an-operator-chosen-admin-key-0001").statusCode()).isEqualTo(200);
            assertThat(server.data.resolve(OpenCpmWiring.INITIAL_ADMIN_KEY_FILE)).doesNotExist();
            assertThat(run(server, "stop")).isZero();
            assertThat(run(server, "status")).isEqualTo(3);
        }
    }

    private static int run(RunningServer server, String command) throws Exception {
        return run(server.command(command));
    }

    private static int run(ProcessBuilder command) throws Exception {
        Process process = command.redirectErrorStream(true).start();
        process.getInputStream().transferTo(System.out);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    static void defineCatalogue(RunningServer server, String admin) {
        HttpResponse<String> purpose = server.put("/api/v1/purposes/marketing-sms", admin, Json.of("""
                { 'name': {'zh': '营销短信', 'en': 'Marketing SMS'}, 'category': 'marketing', 'legalBasis': 'consent',
                  'dataElements': ['phone'], 'retentionDays': 365, 'validityDays': 730 }"""));
        assertThat(purpose.statusCode()).as(purpose.body()).isIn(200, 201);
        HttpResponse<String> notice = server.post("/api/v1/notices", admin, Json.of("""
                { 'code': 'privacy-policy', 'version': '2026-01', 'language': 'zh-CN', 'title': '隐私政策',
                  'content': '我们如何处理您的个人信息', 'purposes': ['marketing-sms'], 'material': true,
                  'publishedAt': '2026-01-01T00:00:00+08:00' }"""));
        assertThat(notice.statusCode()).as(notice.body()).isIn(200, 201);
    }

    private static String decide(RunningServer server, String admin) {
        JsonObject decision = Json.parse(server.post("/api/v1/decisions", admin, Json.of("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms', 'channel': 'sms' }"""
                .formatted(PHONE))).body());
        return decision.getBoolean("allowed") + "/" + decision.getString("reason");
    }

    private static void assertHistory(RunningServer server, String admin, String subjectId) {
        JsonArray events = Json.parse(server.get("/api/v1/subjects/" + subjectId + "/history", admin).body()).getJsonArray("events");
        assertThat(events).hasSize(2);
        assertThat(events.getJsonObject(0).getString("action")).isEqualTo("grant");
        assertThat(events.getJsonObject(1).getString("action")).isEqualTo("withdraw");
        assertThat(events.getJsonObject(1).getString("prevHash")).isEqualTo(events.getJsonObject(0).getString("hash"));
    }
}
