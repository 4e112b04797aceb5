package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Correction and identity in the real distribution, on its database (PIPL Art. 46): two subjects
 * with different choices are merged; the merged person's history holds both, the chain verifies,
 * the decision follows their latest choice, their absorbed identifiers find the merged subject —
 * and all of it still holds after a restart, when the decision index is loaded from the tables.
 */
class SubjectMergeIT {

    private static final String ADMIN = "an-operator-chosen-admin-key-0001";

    private static String consent(String phone, String action, String occurredAt) {
        return Json.of("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms',
                  'action': '%s', 'notice': {'code': 'privacy-policy', 'version': '2026-01'}, 'channel': 'store',
                  'method': 'signature', 'occurredAt': '%s' }""".formatted(phone, action, occurredAt));
    }

    private static String record(RunningServer server, String phone, String action, String occurredAt) {
        HttpResponse<String> r = server.post("/api/v1/consents", ADMIN, consent(phone, action, occurredAt));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Json.parse(r.body()).getString("subjectId");
    }

    private static String decision(RunningServer server, String phone) {
        JsonObject d = Json.parse(server.post("/api/v1/decisions", ADMIN, Json.of("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms', 'channel': 'sms' }"""
                .formatted(phone))).body());
        return d.getBoolean("allowed") + "/" + d.getString("reason");
    }

    private static HttpResponse<String> lookup(RunningServer server, String type, String value) {
        return server.post("/api/v1/subjects:lookup", ADMIN,
                Json.of("{ 'identifiers': [{'type': '%s', 'value': '%s'}] }".formatted(type, value)));
    }

    private static List<JsonObject> history(RunningServer server, String subject) {
        HttpResponse<String> h = server.get("/api/v1/subjects/" + subject + "/history", ADMIN);
        assertThat(h.statusCode()).as(h.body()).isEqualTo(200);
        return Json.parse(h.body()).getJsonArray("events").stream().map(JsonValue::asJsonObject).toList();
    }

    @Test
    @DisplayName("PIPL Art. 46: a merge keeps both histories, verifies, and the decision follows the latest choice, across a restart")
    void two_subjects_are_merged_on_the_real_database(@TempDir Path work) throws Exception {
        try (RunningServer server = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", ADMIN).start()) {
            DistributionIT.defineCatalogue(server, ADMIN);
            String into = record(server, "13800138000", "grant", "2026-03-01T10:00:00+08:00");
            String from = record(server, "13900139000", "grant", "2026-03-02T10:00:00+08:00");
            record(server, "13900139000", "withdraw", "2026-04-01T10:00:00+08:00");
            assertThat(decision(server, "13800138000")).isEqualTo("true/granted");
            int ours = history(server, into).size();
            int theirs = history(server, from).size();

            HttpResponse<String> added = server.post("/api/v1/subjects/" + from + "/identifiers", ADMIN,
                    Json.of("{ 'identifiers': [{'type': 'email', 'value': 'Wang.Fang@Example.cn'}] }"));
            assertThat(added.statusCode()).as(added.body()).isEqualTo(200);

            HttpResponse<String> merged = server.post("/api/v1/subjects:merge", ADMIN,
                    Json.of("{ 'into': '%s', 'from': '%s' }".formatted(into, from)));

            assertThat(merged.statusCode()).as(merged.body()).isEqualTo(200);
            assertThat(Json.parse(merged.body()).getInt("identifiersMoved")).isEqualTo(2);
            assertThat(decision(server, "13800138000")).as("the withdrawal under the other record is the latest choice")
                    .isEqualTo("false/withdrawn");
            assertThat(Json.parse(lookup(server, "phone", "+86 139 0013 9000").body()).getString("subjectId")).isEqualTo(into);
            assertThat(Json.parse(lookup(server, "email", "wang.fang@example.cn").body()).getString("subjectId")).isEqualTo(into);
            List<JsonObject> joined = history(server, into);
            assertThat(joined).as("both histories, the identifier added, the merge, the consent carried, the tombstone")
                    .hasSize(ours + theirs + 4);
            assertThat(joined).extracting(e -> e.getJsonNumber("seq").longValue()).isSorted();
            HttpResponse<String> gone = server.get("/api/v1/subjects/" + from + "/history", ADMIN);
            assertThat(gone.statusCode()).as(gone.body()).isEqualTo(410);
            assertThat(Json.parse(gone.body()).getString("mergedInto")).isEqualTo(into);
            JsonObject verified = Json.parse(server.get("/api/v1/audit/verify", ADMIN).body());
            assertThat(verified.getBoolean("valid")).as(verified.toString()).isTrue();

            HttpResponse<String> removed = server.delete("/api/v1/subjects/" + into + "/identifiers", ADMIN,
                    Json.of("{ 'identifiers': [{'type': 'email', 'value': 'wang.fang@example.cn'}] }"));
            assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
            assertThat(lookup(server, "email", "wang.fang@example.cn").statusCode()).isEqualTo(404);

            server.stop();
            server.start();

            assertThat(decision(server, "13900139000")).isEqualTo("false/withdrawn");
            JsonObject byOldId = Json.parse(server.post("/api/v1/decisions", ADMIN, Json.of(
                    "{ 'subjectId': '%s', 'purpose': 'marketing-sms', 'channel': 'sms' }".formatted(from))).body());
            assertThat(byOldId.getBoolean("allowed")).isFalse();
            assertThat(byOldId.getString("reason")).isEqualTo("unknown_subject");
            assertThat(Json.parse(lookup(server, "phone", "13900139000").body()).getString("subjectId")).isEqualTo(into);
            assertThat(lookup(server, "email", "wang.fang@example.cn").statusCode()).isEqualTo(404);
            assertThat(history(server, into)).hasSize(ours + theirs + 5);
            assertThat(Json.parse(server.get("/api/v1/audit/verify", ADMIN).body()).getBoolean("valid")).isTrue();
            assertThat(server.logText()).doesNotContain("13900139000").doesNotContain("wang.fang");
        }
    }
}
