package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.adapters.rest.Api.json;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@HelidonTest
class ConsentApiTest {

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

    private String decision(String phone) {
        Api.Reply reply = integrator.post("api/v1/decisions", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms', 'channel': 'sms' }"""
                .formatted(phone)));
        assertThat(reply.status()).isEqualTo(200);
        return reply.json().getBoolean("allowed") + "/" + reply.json().getString("reason");
    }

    @Test
    @DisplayName("The API's main scenario: grant by phone, find by another format, decide, withdraw, history, verify")
    void the_consent_lifecycle_over_http() {
        String phone = Api.freshPhone();
        Api.Reply granted = integrator.post("api/v1/consents", Catalogue.grant(phone, "'purpose': 'marketing-sms'"));
        assertThat(granted.status()).isEqualTo(201);
        JsonObject receipt = granted.json();
        assertThat(receipt.getString("state")).isEqualTo("granted");
        assertThat(receipt.getString("purpose")).isEqualTo("marketing-sms");
        assertThat(receipt.getString("auditHash")).hasSize(64);
        String subjectId = receipt.getString("subjectId");

        String otherFormat = "+86 " + phone.substring(0, 3) + "-" + phone.substring(3, 7) + "-" + phone.substring(7);
        Api.Reply found = integrator.post("api/v1/subjects:lookup", json("{'identifiers': [{'type': 'phone', 'value': '%s'}]}".formatted(otherFormat)));
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().getString("subjectId")).isEqualTo(subjectId);

        assertThat(decision(otherFormat)).isEqualTo("true/granted");
        assertThat(integrator.post("api/v1/consents", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms',
                  'action': 'withdraw', 'channel': 'sms', 'method': 'sms_reply' }""".formatted(phone))).status()).isEqualTo(201);
        assertThat(decision(phone)).isEqualTo("false/withdrawn");

        JsonArray history = auditor.get("api/v1/subjects/" + subjectId + "/history").json().getJsonArray("events");
        assertThat(history).hasSize(2);
        assertThat(history.getJsonObject(0).getString("action")).isEqualTo("grant");
        assertThat(history.getJsonObject(1).getString("action")).isEqualTo("withdraw");
        assertThat(history.getJsonObject(1).getString("prevHash")).isNotBlank();
        assertThat(history.getJsonObject(0).getString("hash")).isEqualTo(receipt.getString("auditHash"));
        assertThat(history.getJsonObject(0).getJsonNumber("seq").longValue())
                .isLessThan(history.getJsonObject(1).getJsonNumber("seq").longValue());

        JsonObject consents = auditor.get("api/v1/subjects/" + subjectId + "/consents").json();
        assertThat(consents.getJsonArray("consents").getJsonObject(0).getString("state")).isEqualTo("withdrawn");
        assertThat(consents.getJsonArray("consents").getJsonObject(0).getString("noticeVersion")).isEqualTo("2026-01");

        JsonObject verified = auditor.get("api/v1/audit/verify").json();
        assertThat(verified.getBoolean("valid")).isTrue();
    }

    @Test
    @DisplayName("PIPL Art. 16, 29: a bundled grant with a separate-consent purpose is 422 and writes nothing")
    void bundled_grant_with_a_sensitive_purpose_is_refused() {
        long before = events();
        Api.Reply refused = integrator.post("api/v1/consents", Catalogue.grant(Api.freshPhone(), "'purposes': ['marketing-sms', 'health-advice']"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().getString("type")).isEqualTo("https://opencpm.org/problems/separate-consent-required");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    @DisplayName("PIPL Art. 14, 17: a grant on a notice that does not cover the purpose is 422 and writes nothing")
    void grant_on_a_notice_not_covering_the_purpose_is_refused() {
        long before = events();
        Api.Reply refused = integrator.post("api/v1/consents", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'health-advice', 'action': 'grant',
                  'notice': {'code': 'sms-terms', 'version': '1'}, 'channel': 'app', 'method': 'checkbox' }""".formatted(Api.freshPhone())));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().getString("type")).isEqualTo("https://opencpm.org/problems/notice-does-not-cover-purpose");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    @DisplayName("PIPL Art. 14, 17: a grant dated before its notice was published is 422 and writes nothing; an imported version keeps its date")
    void a_grant_dated_before_its_notice_was_published_is_refused() {
        String code = "imported-" + Api.freshPhone();
        Api.Reply imported = admin.post("api/v1/notices", json("""
                { 'code': '%s', 'version': '2024', 'language': 'zh-CN', 'title': '旧隐私政策', 'content': '旧文本',
                  'purposes': ['marketing-sms'], 'publishedAt': '2024-03-01T00:00:00+08:00' }""".formatted(code)));
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(imported.json().getString("publishedAt")).isEqualTo("2024-02-29T16:00:00.000Z");
        Api.Reply tomorrow = admin.post("api/v1/notices", json("""
                { 'code': '%s', 'version': '2099', 'language': 'zh-CN', 'title': 't', 'content': 'c',
                  'purposes': ['marketing-sms'], 'publishedAt': '2099-01-01T00:00:00Z' }""".formatted(code)));
        assertThat(tomorrow.status()).as("a version published in the future").isIn(400, 422);

        long before = events();
        Api.Reply refused = integrator.post("api/v1/consents", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms', 'action': 'grant',
                  'notice': {'code': '%s', 'version': '2024'}, 'channel': 'app', 'method': 'checkbox',
                  'occurredAt': '2024-02-01T10:00:00+08:00' }""".formatted(Api.freshPhone(), code)));
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().getString("type")).isEqualTo("https://opencpm.org/problems/notice-not-yet-published");
        assertThat(events()).isEqualTo(before);

        Api.Reply informed = integrator.post("api/v1/consents", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms', 'action': 'grant',
                  'notice': {'code': '%s', 'version': '2024'}, 'channel': 'app', 'method': 'checkbox',
                  'occurredAt': '2024-06-01T10:00:00+08:00' }""".formatted(Api.freshPhone(), code)));
        assertThat(informed.status()).as("a grant made while the imported version was shown").isEqualTo(201);
    }

    @Test
    @DisplayName("PIPL Art. 31: a grant for a minor without guardian evidence is 422 and writes nothing; with a parent it is recorded")
    void grant_for_a_minor_needs_guardian_evidence() {
        String child = Api.freshPhone();
        long before = events();
        Api.Reply refused = integrator.post("api/v1/consents", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}], 'birthDate': '2016-05-01'}, 'purpose': 'marketing-sms',
                  'action': 'grant', 'notice': {'code': 'privacy-policy', 'version': '2026-01'}, 'channel': 'app', 'method': 'checkbox' }"""
                .formatted(child)));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().getString("type")).isEqualTo("https://opencpm.org/problems/guardian-required");
        assertThat(events()).isEqualTo(before);

        Api.Reply withParent = integrator.post("api/v1/consents", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}], 'minor': true}, 'purpose': 'marketing-sms',
                  'action': 'grant', 'notice': {'code': 'privacy-policy', 'version': '2026-01'}, 'channel': 'app', 'method': 'checkbox',
                  'guardian': {'identifiers': [{'type': 'phone', 'value': '%s'}], 'relation': 'parent'} }"""
                .formatted(child, Api.freshPhone())));
        assertThat(withParent.status()).isEqualTo(201);
    }

    @Test
    void a_repeated_idempotency_key_answers_200_with_the_first_receipt() {
        String event = Catalogue.grant(Api.freshPhone(), "'purpose': 'marketing-sms', 'idempotencyKey': 'crm-evt-%s'".formatted(Api.freshPhone()));
        Api.Reply first = integrator.post("api/v1/consents", event);
        Api.Reply again = integrator.post("api/v1/consents", event);
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(first.json());
    }

    @Test
    void a_batch_answers_each_event_in_its_place() {
        Api.Reply reply = integrator.post("api/v1/consents:batch", json("{'events': [%s, %s, {'subject': 1}]}".formatted(
                Catalogue.grant(Api.freshPhone(), "'purpose': 'marketing-sms'"),
                Catalogue.grant(Api.freshPhone(), "'purposes': ['marketing-sms', 'health-advice']"))));
        assertThat(reply.status()).isEqualTo(200);
        JsonArray results = reply.json().getJsonArray("results");
        assertThat(results.getJsonObject(0).getInt("status")).isEqualTo(201);
        assertThat(results.getJsonObject(1).getInt("status")).isEqualTo(422);
        assertThat(results.getJsonObject(1).getJsonObject("problem").getString("code")).isEqualTo("separate-consent-required");
        assertThat(results.getJsonObject(2).getInt("status")).isEqualTo(400);
        assertThat(reply.json().getInt("recorded")).isEqualTo(1);
    }

    @Test
    void preferences_are_kept_and_decided_on() {
        String phone = Api.freshPhone();
        String subjectId = integrator.post("api/v1/consents", Catalogue.grant(phone, "'purpose': 'marketing-sms'")).json().getString("subjectId");
        Api.Reply saved = integrator.put("api/v1/subjects/" + subjectId + "/preferences", json("""
                { 'topics': {'new-products': true, 'promotions': false},
                  'channels': {'sms': {'enabled': false, 'maxPerMonth': 2}, 'email': {'enabled': true}},
                  'quietHours': {'start': '21:00', 'end': '08:00', 'zone': 'Asia/Shanghai'}, 'language': 'zh-CN' }"""));
        assertThat(saved.status()).isEqualTo(200);
        JsonObject read = auditor.get("api/v1/subjects/" + subjectId + "/preferences").json();
        assertThat(read.getJsonObject("channels").getJsonObject("sms").getInt("maxPerMonth")).isEqualTo(2);
        assertThat(read.getJsonObject("quietHours").getString("start")).isEqualTo("21:00");
        assertThat(decision(phone)).isEqualTo("false/channel_disabled");
    }

    @Test
    @DisplayName("PIPL Art. 13: a contract-basis purpose is allowed without consent")
    void another_lawful_basis_needs_no_consent() {
        Api.Reply reply = integrator.post("api/v1/decisions", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'order-delivery', 'channel': 'sms' }"""
                .formatted(Api.freshPhone())));
        assertThat(reply.json().getString("reason")).isEqualTo("legal_basis");
        assertThat(reply.json().getBoolean("allowed")).isTrue();
    }

    private long events() {
        return auditor.get("api/v1/audit/verify").json().getJsonNumber("events").longValue();
    }
}
