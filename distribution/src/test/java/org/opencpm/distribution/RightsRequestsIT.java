package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rights requests in the real distribution, on its database: the operator's deadline from the
 * environment sets the due date, a request survives a restart, and the overdue gauge is at
 * {@code /metrics}.
 */
class RightsRequestsIT {

    private static final String ADMIN = "an-operator-chosen-admin-key-0001";

    @Test
    @DisplayName("PIPL Art. 50: a request is due after the configured days, kept across a restart, the overdue gauge published")
    void a_request_is_due_after_the_operators_deadline_and_kept(@TempDir Path work) throws Exception {
        try (RunningServer server = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", ADMIN)
                .withEnv("OPENCPM_RIGHTS_DEADLINEDAYS", "30").start()) {
            DistributionIT.defineCatalogue(server, ADMIN);
            HttpResponse<String> granted = server.post("/api/v1/consents", ADMIN, Json.of("""
                    { 'subject': {'identifiers': [{'type': 'phone', 'value': '13800138000'}]}, 'purpose': 'marketing-sms',
                      'action': 'grant', 'notice': {'code': 'privacy-policy', 'version': '2026-01'}, 'channel': 'miniprogram',
                      'method': 'checkbox' }"""));
            assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);

            HttpResponse<String> created = server.post("/api/v1/rights-requests", ADMIN, Json.of("""
                    { 'subject': {'identifiers': [{'type': 'phone', 'value': '+86 138 0013 8000'}]}, 'type': 'portability',
                      'channel': 'preference_centre', 'verification': {'method': 'sms_code'} }"""));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonObject request = Json.parse(created.body());
            assertThat(Instant.parse(request.getString("dueAt")))
                    .isEqualTo(Instant.parse(request.getString("receivedAt")).plus(Duration.ofDays(30)));

            server.stop();
            server.start();

            HttpResponse<String> read = server.get("/api/v1/rights-requests/" + request.getString("requestId"), ADMIN);
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            assertThat(Json.parse(read.body()).getString("status")).isEqualTo("received");
            assertThat(server.get("/metrics", ADMIN).body()).containsPattern("opencpm_rights_requests_overdue(\\{[^}]*})? 0(\\.0)?\\b");
            assertThat(server.logText()).doesNotContain("13800138000");
        }
    }
}
