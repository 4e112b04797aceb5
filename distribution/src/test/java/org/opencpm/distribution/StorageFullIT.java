package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server on a disk below its reserve: told to keep more free bytes than any disk has
 * ({@code OPENCPM_STORAGE_MIN_FREE_BYTES}), it refuses writes with a 503 problem before they reach
 * the database, says so in readiness and shows the free bytes as a metric, while reads and
 * decisions go on, and so does revoking an API key (a security action must not wait for space).
 */
class StorageFullIT {

    private static final String ADMIN = "storage-full-test-admin-key-00000001";
    private static final String MORE_THAN_ANY_DISK = Long.toString(Long.MAX_VALUE - 1);

    @Test
    void below_the_reserve_writes_are_refused_with_503_and_readiness_is_down(@TempDir Path work) throws Exception {
        try (RunningServer server = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", ADMIN).start()) {
            HttpResponse<String> created = server.post("/api/v1/api-keys", ADMIN, Json.of("{'name': 'leaked', 'roles': ['integrator']}"));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonObject leaked = Json.parse(created.body());
            server.stop();
            server.withEnv("OPENCPM_STORAGE_MIN_FREE_BYTES", MORE_THAN_ANY_DISK).startLive();

            HttpResponse<String> ready = server.get("/health/ready", null);
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("\"dataDisk\":\"full\"");
            int eventsBefore = Json.parse(server.get("/api/v1/audit/verify", ADMIN).body()).getInt("events"); // the keys' creation

            HttpResponse<String> grant = server.post("/api/v1/consents", ADMIN, Json.of("""
                    { 'subject': {'identifiers': [{'type': 'phone', 'value': '13800138000'}]}, 'purpose': 'marketing-sms',
                      'action': 'grant', 'channel': 'app', 'method': 'checkbox' }"""));
            assertThat(grant.statusCode()).isEqualTo(503);
            assertThat(grant.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(grant.headers().firstValue("Retry-After")).hasValue("60");
            assertThat(Json.parse(grant.body()).getString("code")).isEqualTo("storage-full");

            assertThat(server.put("/api/v1/purposes/marketing-sms", ADMIN, Json.of("""
                    {'name': {'en': 'SMS'}, 'category': 'marketing', 'legalBasis': 'consent', 'dataElements': ['phone']}""")).statusCode())
                    .isEqualTo(503);
            assertThat(server.post("/api/v1/consents", null, "{}").statusCode()).as("no key: nothing about the disk").isEqualTo(401);
            assertThat(server.get("/api/v1/audit/verify", ADMIN).statusCode()).as("reads go on").isEqualTo(200);
            assertThat(server.post("/api/v1/subjects:lookup", ADMIN, Json.of("{'identifiers': [{'type': 'phone', 'value': '13800138000'}]}"))
                    .statusCode()).as("a lookup only reads").isNotEqualTo(503);
            assertThat(Json.parse(server.get("/api/v1/audit/verify", ADMIN).body()).getInt("events")).as("nothing was written")
                    .isEqualTo(eventsBefore);

            assertThat(server.get("/api/v1/purposes", leaked.getString("key")).statusCode()).isEqualTo(200);
            assertThat(server.delete("/api/v1/api-keys/" + leaked.getString("id"), ADMIN).statusCode()).as("a revocation goes on")
                    .isEqualTo(204);
            assertThat(server.get("/api/v1/purposes", leaked.getString("key")).statusCode()).as("the revoked key").isEqualTo(401);
            JsonObject audit = Json.parse(server.get("/api/v1/audit/verify", ADMIN).body());
            assertThat(audit.getInt("events")).as("the revocation is audited").isEqualTo(eventsBefore + 1);
            assertThat(audit.getBoolean("valid")).isTrue();

            assertThat(server.get("/metrics", ADMIN, "text/plain").body()).containsPattern("(?m)^opencpm_data_disk_free_bytes(\\{[^}]*\\})? [0-9.E+]+");
        }
    }
}
