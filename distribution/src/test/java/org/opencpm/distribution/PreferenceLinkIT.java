package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Preference links in the real distribution (ADR 0022): a link issued by the server opens its
 * preference centre API after a restart (the key file kept in {@code data/secrets}), a withdrawal made
 * with it flips the decision on the database, a link signed under one configured key is refused
 * once the operator replaces the key, and neither the token nor the phone reaches the log.
 */
class PreferenceLinkIT {

    private static final String ADMIN = "an-operator-chosen-admin-key-0022";
    private static final String PHONE = "13800138022";

    private static String key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    @DisplayName("PIPL Art. 15: a link survives a restart, withdraws with effect on decisions, and dies with the key")
    void a_link_opens_the_self_api_until_the_key_changes(@TempDir Path work) throws Exception {
        String token;
        try (RunningServer server = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", ADMIN)
                .withEnv("OPENCPM_PUBLIC_URL", "https://privacy.example.cn/").start()) {
            DistributionIT.defineCatalogue(server, ADMIN);
            HttpResponse<String> granted = server.post("/api/v1/consents", ADMIN, Json.of("""
                    { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms',
                      'action': 'grant', 'notice': {'code': 'privacy-policy', 'version': '2026-01'}, 'channel': 'miniprogram',
                      'method': 'checkbox' }""".formatted(PHONE)));
            assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
            String subject = Json.parse(granted.body()).getString("subjectId");

            HttpResponse<String> link = server.post("/api/v1/subjects/" + subject + "/preference-links", ADMIN, "{\"ttlMinutes\": 30}");
            assertThat(link.statusCode()).as(link.body()).isEqualTo(201);
            String url = Json.parse(link.body()).getString("url");
            assertThat(url).startsWith("https://privacy.example.cn/preference-center/#t=pcl1.");
            token = url.substring(url.indexOf("#t=") + 3);
            assertThat(Files.exists(server.data.resolve("secrets").resolve("self-token.key"))).isTrue();

            server.stop();
            server.start();

            HttpResponse<String> overview = server.get("/api/v1/self", token);
            assertThat(overview.statusCode()).as(overview.body()).isEqualTo(200);
            assertThat(overview.body()).doesNotContain(PHONE).doesNotContain(subject);
            HttpResponse<String> withdrawn = server.post("/api/v1/self/consents", token,
                    "{\"purpose\": \"marketing-sms\", \"action\": \"withdraw\"}");
            assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
            JsonObject decision = Json.parse(server.post("/api/v1/decisions", ADMIN, Json.of("""
                    { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms' }""".formatted(PHONE))).body());
            assertThat(decision.getBoolean("allowed")).isFalse();
            assertThat(decision.getString("reason")).isEqualTo("withdrawn");
            assertThat(server.get("/api/v1/purposes", token).statusCode()).isEqualTo(401);
            assertThat(server.get("/api/v1/self", ADMIN).statusCode()).isEqualTo(401);
            assertThat(server.logText()).doesNotContain(PHONE).doesNotContain(token.substring(5, 40));
        }
    }

    @Test
    @DisplayName("A configured key signs the links; replacing it revokes every link issued under the old one")
    void replacing_the_configured_key_revokes_the_links(@TempDir Path work) throws Exception {
        RunningServer server = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", ADMIN)
                .withEnv("OPENCPM_PUBLIC_URL", "https://privacy.example.cn/").withEnv("OPENCPM_PREFERENCE_CENTER_TOKEN_KEY", key());
        try (server) {
            server.start();
            DistributionIT.defineCatalogue(server, ADMIN);
            HttpResponse<String> granted = server.post("/api/v1/consents", ADMIN, Json.of("""
                    { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms',
                      'action': 'grant', 'notice': {'code': 'privacy-policy', 'version': '2026-01'}, 'channel': 'app',
                      'method': 'checkbox' }""".formatted(PHONE)));
            String subject = Json.parse(granted.body()).getString("subjectId");
            String url = Json.parse(server.post("/api/v1/subjects/" + subject + "/preference-links", ADMIN, "{}").body()).getString("url");
            String token = url.substring(url.indexOf("#t=") + 3);
            assertThat(server.get("/api/v1/self", token).statusCode()).isEqualTo(200);
            assertThat(Files.exists(server.data.resolve("secrets").resolve("self-token.key"))).as("no key file when configured").isFalse();

            server.stop();
            server.withEnv("OPENCPM_PREFERENCE_CENTER_TOKEN_KEY", key());
            server.start();
            HttpResponse<String> refused = server.get("/api/v1/self", token);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
            assertThat(Json.parse(refused.body()).getString("type")).endsWith("/link-invalid");
        }
    }
}
