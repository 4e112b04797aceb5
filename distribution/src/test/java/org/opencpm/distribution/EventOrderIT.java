package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real distribution on its embedded database: a consent event arriving late changes nothing, before and after a restart. */
class EventOrderIT {

    private static final String PHONE = "13900139000";

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private String hoursAgo(int hours) {
        return now.minus(Duration.ofHours(hours)).toString();
    }

    private static String grant(String occurredAt) {
        return Json.of("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms', 'action': 'grant',
                  'notice': {'code': 'privacy-policy', 'version': '2026-01'}, 'channel': 'store', 'method': 'signature',
                  'occurredAt': '%s' }""".formatted(PHONE, occurredAt));
    }

    private static String withdrawal(String occurredAt) {
        return Json.of("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms', 'action': 'withdraw',
                  'channel': 'sms', 'method': 'sms_reply', 'occurredAt': '%s' }""".formatted(PHONE, occurredAt));
    }

    @Test
    @DisplayName("PIPL Art. 15: grant, withdraw, a grant from the past: withdrawn, the late grant kept as not current, after a restart too")
    void a_late_grant_changes_nothing_and_stays_marked_after_a_restart(@TempDir Path work) throws Exception {
        try (RunningServer server = RunningServer.unpack(work).start()) {
            String admin = Files.readString(server.data.resolve(OpenCpmWiring.INITIAL_ADMIN_KEY_FILE)).strip();
            DistributionIT.defineCatalogue(server, admin);

            assertThat(server.post("/api/v1/consents", admin, grant(hoursAgo(3))).statusCode()).isEqualTo(201);
            assertThat(server.post("/api/v1/consents", admin, withdrawal(hoursAgo(1))).statusCode()).isEqualTo(201);
            HttpResponse<String> late = server.post("/api/v1/consents", admin, grant(hoursAgo(2)));
            assertThat(late.statusCode()).as(late.body()).isEqualTo(201);
            JsonObject receipt = Json.parse(late.body());
            String subjectId = receipt.getString("subjectId");

            assertThat(decide(server, admin)).isEqualTo("false/withdrawn");
            assertThat(receipt.getBoolean("current")).isFalse();
            assertThat(receipt.getString("state")).isEqualTo("withdrawn");
            assertLateGrantInHistory(server, admin, subjectId);

            long events = events(server, admin);
            HttpResponse<String> future = server.post("/api/v1/consents", admin, grant(now.plus(Duration.ofMinutes(10)).toString()));
            assertThat(future.statusCode()).as(future.body()).isEqualTo(422);
            assertThat(events(server, admin)).isEqualTo(events);

            server.stop();
            server.start();

            assertThat(decide(server, admin)).as("the index rebuilt from the database").isEqualTo("false/withdrawn");
            assertLateGrantInHistory(server, admin, subjectId);
            assertThat(Json.parse(server.get("/api/v1/audit/verify", admin).body()).getBoolean("valid")).isTrue();
        }
    }

    private static void assertLateGrantInHistory(RunningServer server, String admin, String subjectId) {
        JsonArray history = Json.parse(server.get("/api/v1/subjects/" + subjectId + "/history", admin).body()).getJsonArray("events");
        assertThat(history).hasSize(3);
        assertThat(history.getJsonObject(0).getBoolean("current")).isTrue();
        assertThat(history.getJsonObject(1).getBoolean("current")).isTrue();
        assertThat(history.getJsonObject(2).getString("action")).isEqualTo("grant");
        assertThat(history.getJsonObject(2).getBoolean("current")).isFalse();
    }

    private static long events(RunningServer server, String admin) {
        return Json.parse(server.get("/api/v1/audit/verify", admin).body()).getJsonNumber("events").longValue();
    }

    private static String decide(RunningServer server, String admin) {
        JsonObject decision = Json.parse(server.post("/api/v1/decisions", admin, Json.of("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms', 'channel': 'sms' }"""
                .formatted(PHONE))).body());
        return decision.getBoolean("allowed") + "/" + decision.getString("reason");
    }
}
