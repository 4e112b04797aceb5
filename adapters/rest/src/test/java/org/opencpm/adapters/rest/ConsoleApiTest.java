package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.adapters.rest.Api.json;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The endpoints the admin console adds: notice versions listed, who must re-consent after a
 * material version (PIPL Art. 14 ¶2), and the consents counted for the dashboard. Each answers
 * hostile input with a 4xx problem and never names a person by an identifier.
 */
@HelidonTest
class ConsoleApiTest {

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

    private void purpose(String code) {
        assertThat(admin.put("api/v1/purposes/" + code, json("""
                { 'name': {'zh': '测试', 'en': 'Test'}, 'category': 'marketing', 'legalBasis': 'consent',
                  'dataElements': ['phone'] }""")).status()).isIn(200, 201);
    }

    private void notice(String code, String version, boolean material, String purpose, String text) {
        Api.Reply r = admin.post("api/v1/notices", json("""
                { 'code': '%s', 'version': '%s', 'language': 'zh-CN', 'title': '告知书', 'content': '%s',
                  'purposes': ['%s'], 'material': %s }""".formatted(code, version, text, purpose, material)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private String grant(String phone, String purpose, String code, String version) {
        Api.Reply r = integrator.post("api/v1/consents", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': '%s', 'action': 'grant',
                  'notice': {'code': '%s', 'version': '%s'}, 'channel': 'web', 'method': 'checkbox' }"""
                .formatted(phone, purpose, code, version)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().getString("subjectId");
    }

    @Test
    void notice_versions_are_listed_without_their_text_for_every_reading_role() {
        String code = "list-" + Api.freshPhone();
        notice(code, "1", false, "marketing-sms", "第一版全文");
        notice(code, "2", true, "marketing-sms", "第二版全文");

        for (Api who : List.of(admin, integrator, auditor)) {
            Api.Reply listed = who.get("api/v1/notices");
            assertThat(listed.status()).isEqualTo(200);
            List<JsonObject> mine = listed.array().stream().map(JsonObject.class::cast)
                    .filter(n -> n.getString("code").equals(code)).toList();
            assertThat(mine).extracting(n -> n.getString("version")).containsExactly("1", "2");
            assertThat(mine).allSatisfy(n -> {
                assertThat(n).doesNotContainKey("content");
                assertThat(n.getBoolean("hasContent")).isTrue();
                assertThat(n.getString("contentHash")).hasSize(64);
            });
            assertThat(mine.get(1).getBoolean("material")).isTrue();
            assertThat(mine.get(1).getInt("revision")).isEqualTo(2);
        }
        assertThat(admin.as(null).get("api/v1/notices").status()).isEqualTo(401);
    }

    @Test
    @DisplayName("PIPL Art. 14 ¶2: after a material version, the console learns who must be asked again, by subject id, never by phone")
    void a_material_version_lists_who_must_reconsent() {
        String purpose = "rc-" + Api.freshPhone();
        purpose(purpose);
        String code = "rc-notice-" + Api.freshPhone();
        notice(code, "1", false, purpose, "旧版");
        String phoneA = Api.freshPhone();
        String a = grant(phoneA, purpose, code, "1");
        String b = grant(Api.freshPhone(), purpose, code, "1");
        notice(code, "2", true, purpose, "新版：目的变更");
        grant(Api.freshPhone(), purpose, code, "2");

        Api.Reply due = auditor.get("api/v1/notices/" + code + "/versions/2/reconsent");

        assertThat(due.status()).as(due.body()).isEqualTo(200);
        JsonObject body = due.json();
        assertThat(body.getJsonNumber("people").longValue()).isEqualTo(2);
        assertThat(body.getJsonNumber("consents").longValue()).isEqualTo(2);
        assertThat(body.getJsonObject("byShownVersion").getInt("1")).isEqualTo(2);
        assertThat(body.getJsonObject("byPurpose").getInt(purpose)).isEqualTo(2);
        assertThat(body.getJsonArray("subjects").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).containsExactlyInAnyOrder(a, b);
        assertThat(body.getBoolean("truncated")).isFalse();
        assertThat(due.body()).doesNotContain(phoneA);

        Api.Reply one = integrator.get("api/v1/notices/" + code + "/versions/2/reconsent", "limit", "1");
        assertThat(one.json().getJsonArray("subjects")).hasSize(1);
        assertThat(one.json().getBoolean("truncated")).isTrue();

        Api.Reply first = auditor.get("api/v1/notices/" + code + "/versions/1/reconsent");
        assertThat(first.json().getJsonNumber("people").longValue()).as("the first version outdates nothing").isZero();
    }

    @Test
    void hostile_reconsent_queries_are_4xx_problems() {
        String code = "rc-hostile-" + Api.freshPhone();
        notice(code, "1", true, "marketing-sms", "文本");
        for (String limit : new String[] {"0", "-1", "1001", "abc", "1e3", "99999999999"}) {
            Api.Reply bad = auditor.get("api/v1/notices/" + code + "/versions/1/reconsent", "limit", limit);
            assertThat(bad.status()).as(limit).isEqualTo(400);
            assertThat(bad.contentType()).startsWith("application/problem+json");
            assertThat(bad.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("limit");
        }
        Api.Reply unknown = auditor.get("api/v1/notices/" + code + "/versions/9/reconsent");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().getString("type")).isNotBlank();
        assertThat(auditor.get("api/v1/notices/" + "x".repeat(300) + "/versions/1/reconsent").status()).isEqualTo(400);
        assertThat(auditor.get("api/v1/notices/%E2%80%AE/versions/1/reconsent").status()).isIn(400, 404);
        assertThat(auditor.get("api/v1/notices/a%0Ab/versions/1/reconsent").status()).isEqualTo(400);
        assertThat(admin.post("api/v1/notices/" + code + "/versions/1/reconsent", "{}").status()).isEqualTo(405);
        assertThat(admin.as("not-a-key").get("api/v1/notices/" + code + "/versions/1/reconsent").status()).isEqualTo(401);
    }

    @Test
    void the_dashboard_counts_consents_by_purpose_and_state() {
        String purpose = "dash-" + Api.freshPhone();
        purpose(purpose);
        String code = "dash-notice-" + Api.freshPhone();
        notice(code, "1", false, purpose, "文本");
        String phone = Api.freshPhone();
        grant(phone, purpose, code, "1");
        grant(Api.freshPhone(), purpose, code, "1");
        Api.Reply withdrawn = integrator.post("api/v1/consents", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': '%s', 'action': 'withdraw',
                  'channel': 'web', 'method': 'button' }""".formatted(phone, purpose)));
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(201);

        for (Api who : List.of(admin, integrator, auditor)) {
            Api.Reply stats = who.get("api/v1/stats/consents");
            assertThat(stats.status()).as(stats.body()).isEqualTo(200);
            JsonObject counts = stats.json().getJsonObject("byPurpose").getJsonObject(purpose);
            assertThat(counts.getInt("granted")).isEqualTo(1);
            assertThat(counts.getInt("withdrawn")).isEqualTo(1);
            assertThat(counts.getInt("denied")).isZero();
            assertThat(counts.getInt("pending")).isZero();
            assertThat(counts.getInt("expired")).isZero();
            assertThat(stats.json().getJsonNumber("subjects").longValue()).isGreaterThanOrEqualTo(2);
            assertThat(stats.body()).doesNotContain(phone);
        }
        assertThat(admin.as(null).get("api/v1/stats/consents").status()).isEqualTo(401);
        assertThat(admin.post("api/v1/stats/consents", "{}").status()).isEqualTo(405);
    }
}
