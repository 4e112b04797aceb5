package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.adapters.rest.Api.json;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.client.WebTarget;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * PIPL Art. 54–56: the audit export narrowed by subject (the records merged into them included),
 * purpose and event type, in NDJSON and CSV; a filtered export says it is partial and echoes what
 * was asked in its first line; every malformed filter is a 400 naming the parameter that writes
 * nothing and repeats no identifier; auditors and admins only.
 */
@HelidonTest
class AuditExportFilterApiTest {

    @Inject
    WebTarget target;

    private Api admin;
    private Api integrator;
    private Api auditor;

    @BeforeEach
    void catalogue() {
        admin = new Api(target, InMemoryWiring.ADMIN_KEY);
        integrator = admin.as(InMemoryWiring.INTEGRATOR_KEY);
        auditor = admin.as(InMemoryWiring.AUDITOR_KEY);
        Catalogue.define(admin);
    }

    private String consent(String phone, String purpose, String action) {
        InMemoryWiring.CPM.clock.advance(Duration.ofSeconds(1));
        Api.Reply r = integrator.post("api/v1/consents", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': '%s', 'action': '%s',
                  'notice': {'code': 'privacy-policy', 'version': '2026-01'}, 'channel': 'store', 'method': 'signature' }"""
                .formatted(phone, purpose, action)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().getString("subjectId");
    }

    private static List<JsonObject> lines(Api.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.body().lines().map(line -> Json.createReader(new StringReader(line)).readObject()).toList();
    }

    private static List<JsonObject> events(List<JsonObject> lines) {
        return lines.stream().filter(line -> !line.containsKey("kind")).toList();
    }

    private Api.Reply export(String... query) {
        return auditor.get("api/v1/audit/events", query);
    }

    @Test
    @DisplayName("PIPL Art. 54–56: an export by subject holds that person's events only, says it is partial and echoes the filter")
    void an_export_by_subject_holds_that_persons_events_only() {
        String phone = Api.freshPhone();
        String subject = consent(phone, "marketing-sms", "grant");
        consent(Api.freshPhone(), "marketing-sms", "grant"); // someone else
        consent(phone, "marketing-sms", "withdraw");

        List<JsonObject> lines = lines(export("subjectId", subject));

        JsonObject header = lines.getFirst();
        assertThat(header.getString("kind")).isEqualTo("export");
        assertThat(header.getBoolean("partial")).isTrue();
        assertThat(header.getJsonObject("filter")).isEqualTo(Json.createObjectBuilder().add("subjectId", subject).build());
        assertThat(header.getJsonArray("subjectIds").getValuesAs(JsonString.class)).extracting(JsonString::getString).containsExactly(subject);
        assertThat(header.getString("note")).contains("verify the full export");
        List<JsonObject> events = events(lines);
        assertThat(events).hasSize(2).allSatisfy(e -> assertThat(e.getString("subjectId")).isEqualTo(subject));
        assertThat(events).extracting(e -> e.getJsonObject("details").getString("action")).containsExactly("grant", "withdraw");
        assertThat(lines.subList(1, 3)).isEqualTo(events); // the header first, then the events, then checkpoints and keys
        assertThat(String.join("\n", lines.stream().map(Object::toString).toList())).doesNotContain(phone);
    }

    @Test
    @DisplayName("PIPL Art. 46: a person's export holds the events of the records merged into them, and names those records")
    void a_persons_export_holds_the_records_merged_into_them() {
        String into = consent(Api.freshPhone(), "marketing-sms", "grant");
        String from = consent(Api.freshPhone(), "health-advice", "grant");
        Api.Reply merged = integrator.post("api/v1/subjects:merge", json("{ 'into': '%s', 'from': '%s' }".formatted(into, from)));
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);

        List<JsonObject> lines = lines(export("subjectId", into));

        assertThat(lines.getFirst().getJsonArray("subjectIds").getValuesAs(JsonString.class)).extracting(JsonString::getString)
                .containsExactly(into, from);
        List<JsonObject> events = events(lines);
        assertThat(events).extracting(e -> e.getString("subjectId")).contains(into, from).containsOnly(into, from);
        assertThat(events).extracting(e -> e.getString("type")).contains("consent_recorded", "subjects_merged", "subject_absorbed");
        assertThat(events).extracting(e -> e.getJsonNumber("seq").longValue()).isSorted();
        // the absorbed record's own id still exports what was recorded under it
        assertThat(events(lines(export("subjectId", from)))).extracting(e -> e.getString("subjectId")).containsOnly(from).isNotEmpty();
    }

    @Test
    void purpose_and_types_narrow_the_export_and_combine_with_subject_and_time() {
        String phone = Api.freshPhone();
        String subject = consent(phone, "marketing-sms", "grant");
        String since = ApiTime.now();
        consent(phone, "health-advice", "grant");
        consent(phone, "marketing-sms", "withdraw");

        List<JsonObject> sms = events(lines(export("subjectId", subject, "purpose", "marketing-sms")));
        assertThat(sms).extracting(e -> e.getJsonObject("details").getString("action")).containsExactly("grant", "withdraw");
        List<JsonObject> later = events(lines(export("subjectId", subject, "purpose", "marketing-sms", "from", since)));
        assertThat(later).extracting(e -> e.getJsonObject("details").getString("action")).containsExactly("withdraw");
        List<JsonObject> byType = lines(auditor.get("api/v1/audit/events", "type", "subject_updated,consent_recorded", "type",
                "preferences_updated", "subjectId", subject));
        assertThat(events(byType)).hasSize(3).allSatisfy(e -> assertThat(e.getString("type")).isEqualTo("consent_recorded"));
        assertThat(byType.getFirst().getJsonObject("filter").getJsonArray("type").getValuesAs(JsonString.class))
                .extracting(JsonString::getString).containsExactly("consent_recorded", "preferences_updated", "subject_updated");
        List<JsonObject> keysOnly = events(lines(export("type", "api_key_created")));
        assertThat(keysOnly).isNotEmpty().allSatisfy(e -> assertThat(e.getString("type")).isEqualTo("api_key_created"));
    }

    @Test
    @DisplayName("An unknown subject is no error: the trail outlives the subjects it names; its export is simply empty")
    void an_unknown_subject_exports_nothing() {
        List<JsonObject> lines = lines(export("subjectId", "sub_nobody_at_all"));

        assertThat(events(lines)).isEmpty();
        assertThat(lines.getFirst().getBoolean("partial")).isTrue();
    }

    @Test
    @DisplayName("A time bound finer than a millisecond is echoed exactly: the header's filter selects every event the export holds")
    void a_sub_millisecond_bound_is_echoed_as_asked() {
        String subject = consent(Api.freshPhone(), "marketing-sms", "grant");
        Instant recorded = InMemoryWiring.CPM.clock.now();
        String to = recorded.plusNanos(500_000).toString(); // half a millisecond after the event: it is in the export

        List<JsonObject> lines = lines(export("subjectId", subject, "to", to));

        Instant echoed = OffsetDateTime.parse(lines.getFirst().getJsonObject("filter").getString("to")).toInstant();
        assertThat(echoed).isEqualTo(Instant.parse(to));
        assertThat(events(lines)).isNotEmpty()
                .allSatisfy(e -> assertThat(Instant.parse(e.getString("recordedAt"))).isBefore(echoed));
    }

    @Test
    void the_full_export_says_it_is_not_partial_and_names_no_filter() {
        consent(Api.freshPhone(), "marketing-sms", "grant");

        Api.Reply reply = auditor.get("api/v1/audit/events", "application/x-ndjson");
        JsonObject header = lines(reply).getFirst();

        assertThat(header.getString("kind")).isEqualTo("export");
        assertThat(header.getBoolean("partial")).isFalse();
        assertThat(header.getJsonObject("filter")).isEmpty();
        assertThat(header.containsKey("note")).isFalse();
        assertThat(reply.response().getHeaderString(AuditResource.PARTIAL_HEADER)).isEqualTo("false");
        assertThat(events(lines(reply)).getFirst().getJsonNumber("seq").longValue()).isEqualTo(1);
    }

    @Test
    void csv_takes_the_same_filters_and_says_it_is_partial_in_a_response_header() {
        String subject = consent(Api.freshPhone(), "marketing-sms", "grant");
        consent(Api.freshPhone(), "marketing-sms", "grant");

        Api.Reply csv = Api.reply(target.path("api/v1/audit/events").queryParam("subjectId", subject).request()
                .header("Authorization", "Bearer " + InMemoryWiring.AUDITOR_KEY).accept("text/csv").get());

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.response().getHeaderString(AuditResource.PARTIAL_HEADER)).isEqualTo("true");
        List<String> rows = csv.body().lines().toList();
        assertThat(rows.getFirst()).startsWith("seq,eventId,type,subjectId");
        assertThat(rows.subList(1, rows.size())).hasSize(1).allSatisfy(row -> assertThat(row.split(",")[3]).isEqualTo(subject));
    }

    @Test
    @DisplayName("Each malformed filter is a 400 problem naming its parameter, writing nothing and repeating no identifier")
    void malformed_filters_are_named() {
        String[][] cases = {
                {"type", "consent_given", "type"},
                {"type", "consent_recorded,", "type"},
                {"purpose", "Marketing SMS", "purpose"},
                {"subjectId", "sub/../x", "subjectId"},
                {"subjectId", "13800138000", "subjectId"},
                {"subjectId", "someone@example.cn", "subjectId"},
                {"subjectId", "", "subjectId"},
                {"subject", "sub_x", "subject"},
                {"from", "yesterday", "from"},
                {"13800138000", "1", "query"},
                {"someone@example.cn", "x", "query"},
        };
        Footprint before = Footprint.now();
        for (String[] c : cases) {
            Api.Reply reply = export(c[0], c[1]);
            assertThat(reply.status()).as(c[0] + "=" + c[1]).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().getJsonArray("errors").getJsonObject(0).getString("field")).as(c[0] + "=" + c[1]).isEqualTo(c[2]);
            assertThat(reply.body()).doesNotContain("13800138000").doesNotContain("someone@example.cn");
        }
        Api.Reply twice = export("purpose", "marketing-sms", "purpose", "health-advice");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("purpose");
        Api.Reply backwards = export("from", "2026-02-01T00:00:00Z", "to", "2026-01-01T00:00:00Z", "purpose", "marketing-sms");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("to");
        assertThat(Footprint.now()).isEqualTo(before);
    }

    @Test
    void only_auditors_and_admins_export() {
        String subject = consent(Api.freshPhone(), "marketing-sms", "grant");

        assertThat(integrator.get("api/v1/audit/events", "subjectId", subject).status()).isEqualTo(403);
        assertThat(new Api(target, null).get("api/v1/audit/events", "subjectId", subject).status()).isEqualTo(401);
        assertThat(admin.get("api/v1/audit/events", "subjectId", subject).status()).isEqualTo(200);
        assertThat(auditor.get("api/v1/audit/events", "subjectId", subject).status()).isEqualTo(200);
    }

    /** The in-memory clock's now, as a query parameter. */
    private static final class ApiTime {
        static String now() {
            InMemoryWiring.CPM.clock.advance(Duration.ofMillis(500));
            return InMemoryWiring.CPM.clock.now().toString();
        }
    }
}
