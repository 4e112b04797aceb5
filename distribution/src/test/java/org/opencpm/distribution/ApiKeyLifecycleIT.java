package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key lifecycle an operator goes through, against the real distribution: keys of their own,
 * the configured bootstrap key retired for good (a restart with the setting still there does not
 * bring it back), a revoked key refused at once, guessing throttled (the guessing address, whatever
 * key it sends, until its wait is over; other clients not at all) and counted at /metrics.
 */
class ApiKeyLifecycleIT {

    private static final String BOOTSTRAP = "an-operator-chosen-bootstrap-key-0001";
    /** The guesser, behind the test's loopback "proxy". */
    private static final String GUESSER = "203.0.113.50";

    @Test
    @DisplayName("Retire the bootstrap key, revoke a key, get throttled for guessing; a restart brings no key back")
    void an_operator_retires_the_bootstrap_key_and_revokes_keys(@TempDir Path work) throws Exception {
        try (RunningServer server = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", BOOTSTRAP)
                .withEnv("OPENCPM_SECURITY_TRUSTED_PROXIES", "127.0.0.1").start()) {
            String ops = created(server.post("/api/v1/api-keys", BOOTSTRAP, Json.of("{'name': 'ops', 'roles': ['admin']}"))).getString("key");
            JsonObject crm = created(server.post("/api/v1/api-keys", ops, Json.of("{'name': 'crm', 'roles': ['integrator']}")));
            assertThat(server.get("/api/v1/purposes", crm.getString("key")).statusCode()).isEqualTo(200);

            String bootstrapId = Json.parseArray(server.get("/api/v1/api-keys", ops).body()).getValuesAs(JsonObject.class).stream()
                    .filter(k -> k.getString("name").equals("bootstrap-admin")).findFirst().orElseThrow().getString("id");
            assertThat(server.delete("/api/v1/api-keys/" + crm.getString("id"), ops).statusCode()).isEqualTo(204);
            assertThat(server.delete("/api/v1/api-keys/" + bootstrapId, ops).statusCode()).isEqualTo(204);
            assertThat(server.get("/api/v1/purposes", crm.getString("key")).statusCode()).isEqualTo(401);
            assertThat(server.get("/api/v1/purposes", BOOTSTRAP).statusCode()).isEqualTo(401);

            HttpResponse<String> last = null;
            for (int i = 0; i < 25; i++) {
                last = server.getFor(GUESSER, "/api/v1/purposes", "opk_guess-" + i);
            }
            assertThat(last.statusCode()).isEqualTo(429);
            assertThat(last.headers().firstValue("Retry-After")).isPresent();
            assertThat(server.getFor(GUESSER, "/api/v1/purposes", ops).statusCode()).as("the guessing address waits, whatever key it sends")
                    .isEqualTo(429);
            assertThat(server.get("/api/v1/purposes", ops).statusCode()).as("other clients are not slowed").isEqualTo(200);
            assertThat(server.get("/metrics", ops).body()).containsPattern("opencpm_auth_failures_total(\\{[^}]*})? 2[0-9](\\.0)?\\b");
            assertThat(server.logText()).doesNotContain("opk_guess").doesNotContain(BOOTSTRAP);

            server.stop();
            server.start();

            assertThat(server.get("/api/v1/purposes", BOOTSTRAP).statusCode()).as("not made again at restart").isEqualTo(401);
            assertThat(server.get("/api/v1/purposes", ops).statusCode()).isEqualTo(200);
            assertThat(Json.parse(server.get("/api/v1/audit/verify", ops).body()).getBoolean("valid")).isTrue();
        }
    }

    private static JsonObject created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Json.parse(response.body());
    }
}
