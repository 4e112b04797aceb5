package org.opencpm.distribution;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencpm.connectors.api.Hmac;

/**
 * Connector plugins in the real distribution process: a zip built by its own Maven module, dropped
 * into the plugins folder of a running server, is live after {@code plugins:reload}; plugins that
 * throw or hang while they start are isolated and reported, and never stop the server or the
 * other connectors.
 */
class PluginDropInIT {

    static final String ADMIN = "plugin-drop-in-admin-key-000000000001";
    static final String SECRET = "crm-shared-secret-for-the-drop-in-test-01";
    private static final String PHONE = "13912345678";

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

    /** A plugin zip the build made (target/test-plugins), by artifact name. */
    static Path testPlugin(String artifactId) {
        Path zip = Path.of(System.getProperty("opencpm.test-plugins"), artifactId + ".zip");
        assertThat(zip).as("the plugin zip, copied by the build into target/test-plugins").exists();
        return zip;
    }

    static void configure(RunningServer server, String connectorId, String properties) throws Exception {
        Files.writeString(server.home.resolve("conf/connectors/" + connectorId + ".properties"), properties);
    }

    @Test
    @DisplayName("A plugin zip dropped into a running server is live after plugins:reload and carries the next change; broken plugins are isolated")
    void a_dropped_in_plugin_is_live_after_reload_and_broken_ones_are_isolated(@TempDir Path work) throws Exception {
        RunningServer unpacked = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", ADMIN)
                .withEnv("CRM_WEBHOOK_SECRET", SECRET).withEnv("OPENCPM_CONNECTORS_START_TIMEOUT_SECONDS", "2");
        Path plugins = unpacked.home.resolve("plugins");
        // The server starts without crm-webhook, but with two plugins that misbehave.
        try (Stream<Path> bundled = Files.list(plugins)) {
            for (Path zip : bundled.filter(p -> p.getFileName().toString().startsWith("opencpm-plugin-crm-webhook")).toList()) {
                Files.delete(zip);
            }
        }
        Files.copy(testPlugin("opencpm-test-plugin-broken-start"), plugins.resolve("broken-start.zip"));
        Files.copy(testPlugin("opencpm-test-plugin-broken-routes"), plugins.resolve("broken-routes.zip"));
        configure(unpacked, "never-runs", "enabled=true\n");
        configure(unpacked, "throwing-routes", "enabled=true\n");
        configure(unpacked, "hanging-routes", "enabled=true\n");
        configure(unpacked, "crm-webhook", """
                enabled=true
                url=http://127.0.0.1:%d/crm/opencpm-events
                secret=env:CRM_WEBHOOK_SECRET
                """.formatted(crm.port()));

        try (RunningServer server = unpacked.start()) {
            Map<String, JsonObject> before = byId(Json.parseArray(server.get("/api/v1/plugins", ADMIN).body()));
            assertThat(before.get("broken-start").getString("state")).isEqualTo("failed");
            assertThat(before.get("broken-start").getString("problem")).contains("throws while it starts");
            assertThat(before.get("broken-routes").getString("state")).as("the plugin started; its connectors did not").isEqualTo("failed");
            assertThat(before.get("broken-routes").getString("problem")).contains("connector hanging-routes").contains("connector throwing-routes");
            assertThat(before.get("broken-routes").getJsonArray("connectors")).hasSize(2);
            Map<String, JsonObject> connectors = byId(Json.parseArray(server.get("/api/v1/connectors", ADMIN).body()));
            assertThat(connectors.get("throwing-routes").getString("state")).isEqualTo("failed");
            assertThat(connectors.get("throwing-routes").getString("problem")).contains("no-such-component");
            assertThat(connectors.get("hanging-routes").getString("state")).isEqualTo("failed");
            assertThat(connectors.get("hanging-routes").getString("problem")).contains("did not finish within 2 s");
            assertThat(connectors).doesNotContainKey("crm-webhook");

            // The operator drops the zip in and reloads: no restart.
            Files.copy(testPlugin("opencpm-plugin-crm-webhook"), plugins.resolve("crm-webhook.zip.part"));
            Files.move(plugins.resolve("crm-webhook.zip.part"), plugins.resolve("opencpm-plugin-crm-webhook.zip"),
                    StandardCopyOption.ATOMIC_MOVE);
            HttpResponse<String> reload = server.post("/api/v1/plugins:reload", ADMIN, "");
            assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
            JsonObject reloaded = Json.parse(reload.body());
            assertThat(reloaded.getJsonArray("added").getString(0)).isEqualTo("crm-webhook");
            assertThat(reloaded.getJsonArray("started").getString(0)).isEqualTo("crm-webhook");
            assertThat(byId(Json.parseArray(server.get("/api/v1/connectors", ADMIN).body())).get("crm-webhook").getString("state"))
                    .isEqualTo("running");

            DistributionIT.defineCatalogue(server, ADMIN);
            HttpResponse<String> granted = server.post("/api/v1/consents", ADMIN, Json.of("""
                    { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms', 'action': 'grant',
                      'notice': {'code': 'privacy-policy', 'version': '2026-01'}, 'channel': 'app', 'method': 'checkbox' }"""
                    .formatted(PHONE)));
            assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
            String subjectId = Json.parse(granted.body()).getString("subjectId");

            LoggedRequest sent = await("the grant reaches the CRM").atMost(Duration.ofSeconds(20))
                    .until(() -> deliveries(crm), found -> !found.isEmpty()).get(0);
            String body = sent.getBodyAsString();
            assertThat(sent.getHeader("X-OpenCPM-Signature"))
                    .isEqualTo("sha256=" + Hmac.sha256Hex(SECRET, sent.getHeader("X-OpenCPM-Timestamp") + "." + body));
            JsonObject data = Json.parse(body).getJsonObject("data");
            assertThat(data.getString("subjectId")).isEqualTo(subjectId);
            assertThat(data.getString("purpose")).isEqualTo("marketing-sms");
            assertThat(data.getString("state")).isEqualTo("granted");
            assertThat(data.getJsonArray("identifiers").getJsonObject(0).getString("value")).isEqualTo("+86" + PHONE);

            // The CRM posts a withdrawal back, signed: recorded like any other, and carried to every other
            // connector, never back to the CRM it came from (ChangeOriginIT has a second platform to see both).
            String withdrawal = Json.of("""
                    { 'id': 'crm-evt-1', 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms',
                      'action': 'withdraw', 'method': 'button' }""".formatted(PHONE));
            long timestamp = Instant.now().getEpochSecond();
            HttpResponse<String> hook = server.postRaw("/hooks/crm-webhook/events", withdrawal, Map.of(
                    "X-OpenCPM-Timestamp", Long.toString(timestamp),
                    "X-OpenCPM-Signature", "sha256=" + Hmac.sha256Hex(SECRET, timestamp + "." + withdrawal)));
            assertThat(hook.statusCode()).as(hook.body()).isEqualTo(200);
            assertThat(Json.parse(hook.body()).getInt("recorded")).isEqualTo(1);
            HttpResponse<String> forged = server.postRaw("/hooks/crm-webhook/events", withdrawal, Map.of(
                    "X-OpenCPM-Timestamp", Long.toString(timestamp), "X-OpenCPM-Signature", "sha256=" + "0".repeat(64)));
            assertThat(forged.statusCode()).isEqualTo(401);
            JsonArray history = Json.parse(server.get("/api/v1/subjects/" + subjectId + "/history", ADMIN).body()).getJsonArray("events");
            assertThat(history).hasSize(2);
            assertThat(history.getJsonObject(1).getString("action")).isEqualTo("withdraw");
            assertThat(history.getJsonObject(1).getString("channel")).isEqualTo("crm");
            JsonObject counts = byId(Json.parseArray(server.get("/api/v1/connectors", ADMIN).body())).get("crm-webhook");
            assertThat(counts.getInt("pending") + counts.getInt("inflight")).as("nothing queued for the CRM: its own withdrawal is not echoed")
                    .isZero();

            String metrics = server.get("/metrics", ADMIN).body();
            assertThat(metrics).containsPattern("opencpm_connector_delivered\\{connector=\"crm-webhook\"[^}]*} 1(\\.0)?\\b");
            assertThat(metrics).containsPattern("opencpm_connector_dead\\{connector=\"crm-webhook\"[^}]*} 0(\\.0)?\\b");
            assertThat(server.get("/health/ready", null).statusCode()).isEqualTo(200);
            assertThat(server.logText()).doesNotContain(SECRET).doesNotContain(PHONE);
        }
    }

    @Test
    @DisplayName("On a running server, plugins:reload upgrades a plugin (no change lost), applies a changed configuration, and uninstalls a deleted plugin for good")
    void a_running_server_upgrades_reconfigures_and_uninstalls_a_plugin_on_reload(@TempDir Path work) throws Exception {
        crm.stubFor(post(urlPathEqualTo("/platform-a")).willReturn(aResponse().withStatus(200).withFixedDelay(150)));
        crm.stubFor(post(urlPathEqualTo("/platform-b")).willReturn(aResponse().withStatus(200)));
        RunningServer unpacked = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", ADMIN);
        Path plugins = unpacked.home.resolve("plugins");
        Files.copy(testPlugin("opencpm-test-plugin-versioned-v1"), plugins.resolve("versioned-1.0.0.zip"));
        configure(unpacked, "versioned", "enabled=true\nurl=http://127.0.0.1:%d/platform-a\n".formatted(crm.port()));

        try (RunningServer server = unpacked.start()) {
            assertThat(plugin(server, "versioned").getString("version")).isEqualTo("1.0.0");
            assertThat(plugin(server, "versioned").getString("state")).isEqualTo("started");
            DistributionIT.defineCatalogue(server, ADMIN);
            List<String> before = grantMany(server, 0, 12);

            // Upgrade: the newer zip beside the older one, while the platform is still being sent the first changes.
            Files.copy(testPlugin("opencpm-test-plugin-versioned-v2"), plugins.resolve("versioned.zip.part"));
            Files.move(plugins.resolve("versioned.zip.part"), plugins.resolve("versioned-2.0.0.zip"), StandardCopyOption.ATOMIC_MOVE);
            assertThat(plugin(server, "versioned").getString("state")).as("2.0.0 waits for a reload").isEqualTo("reload_needed");
            JsonObject upgraded = reload(server);
            assertThat(names(upgraded, "upgraded")).containsExactly("versioned");
            assertThat(names(upgraded, "started")).containsExactly("versioned");
            assertThat(plugin(server, "versioned").getString("version")).isEqualTo("2.0.0");
            assertThat(plugin(server, "versioned").getString("state")).isEqualTo("started");
            assertThat(byId(Json.parseArray(server.get("/api/v1/connectors", ADMIN).body())).get("versioned").getString("version"))
                    .isEqualTo("2.0.0");
            List<String> after = grantMany(server, 12, 24);

            await("every change reaches the platform, across the upgrade").atMost(Duration.ofSeconds(30))
                    .until(() -> subjectsSent(crm, "/platform-a").containsAll(before) && subjectsSent(crm, "/platform-a").containsAll(after));
            List<LoggedRequest> sent = crm.findAll(postRequestedFor(urlPathEqualTo("/platform-a")));
            assertThat(sent.stream().filter(r -> after.contains(r.getBodyAsString().split(" ")[0])))
                    .as("what was granted after the reload is carried by 2.0.0")
                    .allSatisfy(r -> assertThat(r.getHeader("X-Plugin-Version")).isEqualTo("2.0.0"));
            await("every delivery is recorded as delivered").atMost(Duration.ofSeconds(20)).until(() -> {
                JsonObject versioned = byId(Json.parseArray(server.get("/api/v1/connectors", ADMIN).body())).get("versioned");
                return versioned.getInt("delivered") == 24 && versioned.getInt("pending") == 0 && versioned.getInt("inflight") == 0;
            });
            assertThat(byId(Json.parseArray(server.get("/api/v1/connectors", ADMIN).body())).get("versioned").getInt("dead")).isZero();

            // A configuration change: shown until a reload applies it.
            configure(server, "versioned", "enabled=true\nurl=http://127.0.0.1:%d/platform-b\n".formatted(crm.port()));
            assertThat(plugin(server, "versioned").getString("state")).isEqualTo("reload_needed");
            assertThat(plugin(server, "versioned").getString("problem")).contains("configuration of connector versioned");
            JsonObject reconfigured = reload(server);
            assertThat(names(reconfigured, "reconfigured")).containsExactly("versioned");
            assertThat(plugin(server, "versioned").getString("state")).isEqualTo("started");
            List<String> moved = grantMany(server, 24, 26);
            await("the new url is used").atMost(Duration.ofSeconds(20)).until(() -> subjectsSent(crm, "/platform-b").containsAll(moved));

            // Uninstall: the zips deleted; the plugin goes on reload, and stays gone after a restart.
            Files.delete(plugins.resolve("versioned-1.0.0.zip"));
            Files.delete(plugins.resolve("versioned-2.0.0.zip"));
            JsonObject removed = reload(server);
            assertThat(names(removed, "removed")).containsExactly("versioned");
            assertThat(byId(Json.parseArray(server.get("/api/v1/plugins", ADMIN).body()))).doesNotContainKey("versioned");
            assertThat(byId(Json.parseArray(server.get("/api/v1/connectors", ADMIN).body()))).doesNotContainKey("versioned");

            server.stop();
            server.start();
            assertThat(byId(Json.parseArray(server.get("/api/v1/plugins", ADMIN).body()))).doesNotContainKey("versioned");
            assertThat(byId(Json.parseArray(server.get("/api/v1/connectors", ADMIN).body()))).doesNotContainKey("versioned");
            assertThat(server.logText()).doesNotContain("already loaded");
        }
    }

    private static JsonObject plugin(RunningServer server, String id) {
        return byId(Json.parseArray(server.get("/api/v1/plugins", ADMIN).body())).get(id);
    }

    private static List<String> names(JsonObject reload, String key) {
        return reload.getJsonArray(key).getValuesAs(jakarta.json.JsonString::getString);
    }

    private static JsonObject reload(RunningServer server) {
        HttpResponse<String> reload = server.post("/api/v1/plugins:reload", ADMIN, "");
        assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
        return Json.parse(reload.body());
    }

    /** Grants marketing SMS to subjects {@code from} (inclusive) to {@code to}, one phone each; their subject ids. */
    private static List<String> grantMany(RunningServer server, int from, int to) {
        List<String> subjects = new java.util.ArrayList<>();
        for (int i = from; i < to; i++) {
            HttpResponse<String> granted = server.post("/api/v1/consents", ADMIN, Json.of("""
                    { 'subject': {'identifiers': [{'type': 'phone', 'value': '1391234%04d'}]}, 'purpose': 'marketing-sms', 'action': 'grant',
                      'notice': {'code': 'privacy-policy', 'version': '2026-01'}, 'channel': 'app', 'method': 'checkbox' }"""
                    .formatted(i)));
            assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
            subjects.add(Json.parse(granted.body()).getString("subjectId"));
        }
        return subjects;
    }

    private static java.util.Set<String> subjectsSent(WireMockServer platform, String path) {
        return platform.findAll(postRequestedFor(urlPathEqualTo(path))).stream().map(r -> r.getBodyAsString().split(" ")[0])
                .collect(Collectors.toSet());
    }

    static Map<String, JsonObject> byId(JsonArray array) {
        return array.getValuesAs(JsonObject.class).stream().collect(Collectors.toMap(o -> o.getString("id"), Function.identity()));
    }

    static List<LoggedRequest> deliveries(WireMockServer crm) {
        return crm.findAll(postRequestedFor(urlPathEqualTo("/crm/opencpm-events")));
    }
}
