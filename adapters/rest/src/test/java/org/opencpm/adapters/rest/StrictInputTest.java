package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.adapters.rest.Api.json;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets a clear problem+json naming what was wrong, and writes nothing. Text is taken
 * exactly as sent or not at all: never repaired, decoded in a charset the client did not mean, or
 * cut at a control character — any of which can make two people one.
 */
@HelidonTest
class StrictInputTest {

    @Inject
    WebTarget target;

    private Api admin;
    private Api integrator;

    @BeforeEach
    void setUp() {
        admin = new Api(target, InMemoryWiring.ADMIN_KEY);
        integrator = admin.as(InMemoryWiring.INTEGRATOR_KEY);
        Catalogue.define(admin);
    }

    private static JsonObject firstError(Api.Reply reply) {
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        return reply.json().getJsonArray("errors").getJsonObject(0);
    }

    @Test
    void an_unknown_field_is_named() {
        JsonObject error = firstError(integrator.post("api/v1/consents",
                Catalogue.grant(Api.freshPhone(), "'purpose': 'marketing-sms', 'colour': 'blue'")));
        assertThat(error.getString("field")).isEqualTo("colour");
        assertThat(error.getString("message")).contains("is not a field");
    }

    @Test
    void an_unknown_nested_field_is_named_with_its_path() {
        JsonObject error = firstError(integrator.post("api/v1/consents", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '13800138000', 'typo': 1}]}, 'purpose': 'marketing-sms',
                  'action': 'withdraw', 'channel': 'sms', 'method': 'sms_reply' }""")));
        assertThat(error.getString("field")).isEqualTo("subject.identifiers[0].typo");
    }

    @Test
    void a_wrong_type_is_named() {
        JsonObject error = firstError(integrator.post("api/v1/consents", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': 13800138000}]}, 'purpose': 'marketing-sms',
                  'action': 'withdraw', 'channel': 'sms', 'method': 'sms_reply' }""")));
        assertThat(error.getString("field")).isEqualTo("subject.identifiers[0].value");
        assertThat(error.getString("message")).isEqualTo("must be a string");
    }

    @Test
    void a_phone_that_is_not_a_phone_is_named() {
        JsonObject error = firstError(integrator.post("api/v1/consents", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '12345'}]}, 'purpose': 'marketing-sms',
                  'action': 'withdraw', 'channel': 'sms', 'method': 'sms_reply' }""")));
        assertThat(error.getString("field")).isEqualTo("subject.identifiers[0].value");
    }

    @Test
    void an_unknown_code_lists_the_accepted_ones() {
        JsonObject error = firstError(integrator.post("api/v1/consents",
                Catalogue.grant(Api.freshPhone(), "'purpose': 'marketing-sms'").replace("\"checkbox\"", "\"telepathy\"")));
        assertThat(error.getString("field")).isEqualTo("method");
        assertThat(error.getString("message")).contains("checkbox");
    }

    @Test
    void malformed_json_and_duplicate_keys_are_refused() {
        Api.Reply malformed = integrator.post("api/v1/consents", "{\"subject\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().getString("detail")).contains("malformed JSON");
        Api.Reply duplicate = integrator.post("api/v1/decisions", "{\"purpose\": \"a\", \"purpose\": \"b\"}");
        assertThat(duplicate.status()).isEqualTo(400);
        Api.Reply array = integrator.post("api/v1/decisions", "[1, 2]");
        assertThat(array.status()).isEqualTo(400);
        assertThat(array.json().getString("detail")).contains("must be a JSON object");
    }

    @Test
    void a_missing_field_is_named() {
        JsonObject error = firstError(integrator.post("api/v1/decisions", json("{'subjectId': 'sub_x'}")));
        assertThat(error.getString("field")).isEqualTo("purpose");
        assertThat(error.getString("message")).isEqualTo("is required");
    }

    @Test
    void the_framework_answers_in_problems_too() {
        Api.Reply unknownPath = admin.get("api/v1/no-such-thing");
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.contentType()).startsWith("application/problem+json");

        Api.Reply wrongMethod = Api.reply(admin.request("api/v1/purposes").delete());
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.contentType()).startsWith("application/problem+json");
        assertThat(wrongMethod.response().getHeaderString("Allow")).contains("GET");

        Api.Reply wrongType = Api.reply(integrator.request("api/v1/decisions").post(Entity.entity("purpose=x", "text/plain")));
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.contentType()).startsWith("application/problem+json");
    }

    @Test
    void an_oversized_body_is_413() {
        String huge = "{\"purpose\": \"" + "x".repeat(1024 * 1024 + 10) + "\"}";
        Api.Reply reply = integrator.post("api/v1/decisions", huge);
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    @Test
    void an_inconsistent_purpose_definition_is_422_with_the_reason() {
        Api.Reply reply = admin.put("api/v1/purposes/hq-analytics", json("""
                { 'name': {'en': 'HQ analytics'}, 'category': 'analytics', 'legalBasis': 'consent',
                  'recipients': [{'name': 'HQ GmbH', 'contact': 'privacy@hq.de', 'country': 'DE'}] }"""));
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().getString("code")).isEqualTo("purpose-definition-invalid");
        assertThat(reply.json().getString("detail")).contains("crossBorder");
    }

    @Test
    void a_notice_version_never_changes() {
        String notice = json("""
                { 'code': 'app-terms', 'version': '%s', 'language': 'zh-CN', 'title': 'App', 'content': '%s',
                  'purposes': ['marketing-sms'] }""");
        String version = Api.freshPhone();
        Api.Reply first = admin.post("api/v1/notices", notice.formatted(version, "text one"));
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().getString("contentHash")).hasSize(64);
        assertThat(admin.post("api/v1/notices", notice.formatted(version, "text one")).status()).isEqualTo(200);
        Api.Reply changed = admin.post("api/v1/notices", notice.formatted(version, "text two"));
        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.json().getString("code")).isEqualTo("notice-version-immutable");
    }

    // ---- Strict text (issue 8, item 6) ----

    private static final Charset GBK = Charset.forName("GBK");

    /** A consent event for {@code crm_id} = {@code name} encoded in {@code charset}, the rest of the body in UTF-8. */
    private static byte[] crmEvent(String name, Charset charset, String action) {
        String[] around = json("""
                { 'subject': {'identifiers': [{'type': 'crm_id', 'value': '@@'}]}, 'purpose': 'marketing-sms', 'action': '%s',
                  'notice': {'code': 'privacy-policy', 'version': '2026-01'}, 'channel': 'web', 'method': 'checkbox' }"""
                .formatted(action)).split("@@");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(around[0].getBytes(StandardCharsets.UTF_8));
        body.writeBytes(name.getBytes(charset));
        body.writeBytes(around[1].getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private Api.Reply lookupCrm(String name) {
        return integrator.post("api/v1/subjects:lookup", json("{'identifiers': [{'type': 'crm_id', 'value': '%s'}]}".formatted(name)));
    }

    @Test
    void gbk_names_are_refused_and_two_people_never_become_one() {
        Footprint before = Footprint.now();
        Api.Reply zhangSan = integrator.send("POST", "api/v1/consents", crmEvent("张三", GBK, "grant"), "application/json");
        Api.Reply liSi = integrator.send("POST", "api/v1/consents", crmEvent("李四", GBK, "withdraw"), "application/json");

        for (Api.Reply refused : new Api.Reply[] {zhangSan, liSi}) {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().getString("detail")).contains("not valid UTF-8");
        }
        assertThat(Footprint.now()).isEqualTo(before);
        assertThat(lookupCrm("张三").status()).isEqualTo(404);
        assertThat(lookupCrm("\uFFFD\uFFFD\uFFFD\uFFFD").status()).isEqualTo(404);

        // The same names in UTF-8 are two people: the withdrawal of one leaves the other's grant alone.
        Api.Reply granted = integrator.send("POST", "api/v1/consents", crmEvent("张三", StandardCharsets.UTF_8, "grant"), "application/json");
        Api.Reply withdrawn = integrator.send("POST", "api/v1/consents", crmEvent("李四", StandardCharsets.UTF_8, "withdraw"), "application/json");
        assertThat(granted.status()).isIn(200, 201);
        assertThat(withdrawn.status()).isIn(200, 201);
        assertThat(withdrawn.json().getString("subjectId")).isNotEqualTo(granted.json().getString("subjectId"));
        assertThat(granted.json().getString("state")).isEqualTo("granted");
    }

    @Test
    void a_declared_charset_other_than_utf8_is_415() {
        Footprint before = Footprint.now();
        byte[] body = crmEvent("王五", GBK, "grant");
        Api.Reply gbk = integrator.send("POST", "api/v1/consents", body, "application/json; charset=GBK");
        assertThat(gbk.status()).isEqualTo(415);
        assertThat(gbk.contentType()).startsWith("application/problem+json");
        Api.Reply latin1 = integrator.send("POST", "api/v1/consents", crmEvent("abc", StandardCharsets.UTF_8, "grant"),
                "application/json;charset=ISO-8859-1");
        assertThat(latin1.status()).isEqualTo(415);
        assertThat(Footprint.now()).isEqualTo(before);

        Api.Reply utf8 = integrator.send("POST", "api/v1/consents", crmEvent("王五", StandardCharsets.UTF_8, "grant"),
                "application/json; charset=utf-8");
        assertThat(utf8.status()).isEqualTo(201);
    }

    @Test
    void control_characters_in_identifiers_are_refused_not_stripped() {
        Footprint before = Footprint.now();
        String[][] cases = {
                {"crm_id", "crm-1001\\n"}, {"crm_id", "crm-1001\\r"}, {"email", "a\\u0000b@example.com"},
                {"email", "\\u001b[31mx@example.com"}, {"member_id", "m-1\\u0000"}};
        for (String[] identifier : cases) {
            JsonObject error = firstError(integrator.post("api/v1/consents", json("""
                    { 'subject': {'identifiers': [{'type': '%s', 'value': '%s'}]}, 'purpose': 'marketing-sms', 'action': 'grant',
                      'notice': {'code': 'privacy-policy', 'version': '2026-01'}, 'channel': 'web', 'method': 'checkbox' }"""
                    .formatted(identifier[0], identifier[1]))));
            assertThat(error.getString("field")).as(identifier[1]).startsWith("subject.identifiers[0]");
            assertThat(error.getString("message")).contains("control characters");
        }
        assertThat(Footprint.now()).isEqualTo(before);
    }

    @Test
    void control_characters_in_names_and_key_names_are_refused() {
        Footprint before = Footprint.now();
        JsonObject purposeName = firstError(admin.put("api/v1/purposes/esc-name", json("""
                { 'name': {'zh': '营销\\u001b[2J短信'}, 'category': 'marketing', 'legalBasis': 'consent' }""")));
        assertThat(purposeName.getString("field")).isEqualTo("name.zh");
        JsonObject recipient = firstError(admin.put("api/v1/purposes/lf-recipient", json("""
                { 'name': {'zh': '共享'}, 'category': 'sharing', 'legalBasis': 'consent',
                  'recipients': [{'name': 'Acme\\nForged: yes', 'contact': 'a@acme.cn', 'country': 'CN'}] }""")));
        assertThat(recipient.getString("field")).contains("recipients");
        JsonObject title = firstError(admin.post("api/v1/notices", json("""
                { 'code': 'nul-title', 'version': '1', 'language': 'zh-CN', 'title': 'Terms\\u0000', 'content': 'x',
                  'purposes': ['marketing-sms'] }""")));
        assertThat(title.getString("field")).isEqualTo("title");
        JsonObject keyName = firstError(admin.post("api/v1/api-keys", json("{'name': 'crm\\r\\nadmin', 'roles': ['integrator']}")));
        assertThat(keyName.getString("field")).isEqualTo("name");
        JsonObject fieldName = firstError(integrator.post("api/v1/decisions", json("{'purpose\\u0000': 'marketing-sms'}")));
        assertThat(fieldName.getString("message")).contains("control characters");
        assertThat(Footprint.now()).isEqualTo(before);
        assertThat(admin.get("api/v1/purposes/esc-name").status()).isEqualTo(404);
    }

    @Test
    void data_after_the_json_object_is_refused() {
        Footprint before = Footprint.now();
        String grant = Catalogue.grant(Api.freshPhone(), "'purpose': 'marketing-sms'");
        for (String trailing : new String[] {" {\"action\": \"withdraw\"}", "x", "]", " 1", "}"}) {
            Api.Reply reply = integrator.post("api/v1/consents", grant + trailing);
            assertThat(reply.status()).as(trailing).isEqualTo(400);
            assertThat(reply.json().getString("detail")).as(trailing).containsAnyOf("after the JSON object", "malformed JSON");
        }
        assertThat(integrator.post("api/v1/consents", grant + " {}").json().getString("detail")).contains("after the JSON object");
        assertThat(Footprint.now()).isEqualTo(before);
        assertThat(integrator.post("api/v1/consents", grant + " \n\t ").status()).isEqualTo(201);
    }

    @Test
    void nesting_deeper_than_64_is_400_however_deep() {
        for (int depth : new int[] {65, 1_000, 100_000, 400_000}) {
            String deep = "{\"subject\": " + "[".repeat(depth) + "]".repeat(depth) + "}";
            Api.Reply reply = integrator.post("api/v1/consents", deep);
            assertThat(reply.status()).as("depth " + depth).isEqualTo(400);
            assertThat(reply.json().getString("detail")).as("depth " + depth).contains("nested deeper than 64");
        }
        String objects = "{\"a\": ".repeat(5_000) + "1" + "}".repeat(5_000);
        Api.Reply reply = integrator.post("api/v1/decisions", objects);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().getString("detail")).contains("nested deeper than 64");
    }

    @Test
    void out_of_range_numbers_are_400_naming_the_field() {
        Footprint before = Footprint.now();
        String subjectId = integrator.post("api/v1/consents", Catalogue.grant(Api.freshPhone(), "'purpose': 'marketing-sms'"))
                .json().getString("subjectId");
        before = Footprint.now();
        for (String n : new String[] {"1e400", "99999999999999999999", "1e-400", "-1", "1e9999999999", "1" + "0".repeat(5000)}) {
            Api.Reply reply = integrator.put("api/v1/subjects/" + subjectId + "/preferences",
                    json("{'channels': {'sms': {'enabled': true, 'maxPerMonth': %s}}}".formatted(n)));
            assertThat(firstError(reply).getString("field")).as(n).endsWith("maxPerMonth");
        }
        for (String n : new String[] {"99999999999999999999", "-1", "0", "2147483647", "1e400"}) {
            JsonObject error = firstError(admin.put("api/v1/purposes/retention-test", json("""
                    { 'name': {'zh': '保留'}, 'category': 'marketing', 'legalBasis': 'consent', 'retentionDays': %s }""".formatted(n))));
            assertThat(error.getString("field")).as(n).isEqualTo("retentionDays");
            JsonObject validity = firstError(admin.put("api/v1/purposes/retention-test", json("""
                    { 'name': {'zh': '保留'}, 'category': 'marketing', 'legalBasis': 'consent', 'validityDays': %s }""".formatted(n))));
            assertThat(validity.getString("field")).as(n).isEqualTo("validityDays");
        }
        assertThat(Footprint.now()).isEqualTo(before);
    }

    @Test
    void out_of_range_dates_are_400_naming_the_field() {
        Footprint before = Footprint.now();
        for (String at : new String[] {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
                "1969-12-31T23:59:59Z", "2026-13-01T00:00:00Z"}) {
            JsonObject error = firstError(integrator.post("api/v1/consents", Catalogue.grant(Api.freshPhone(),
                    "'purpose': 'marketing-sms', 'occurredAt': '%s'".formatted(at)).replace('\'', '"')));
            assertThat(error.getString("field")).as(at).isEqualTo("occurredAt");
        }
        for (String birthDate : new String[] {"0000-00-00", "+999999999-12-31", "+10000-01-01", "0001-01-01", "2012-02-30"}) {
            JsonObject error = firstError(integrator.post("api/v1/consents", json("""
                    { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}], 'birthDate': '%s'}, 'purpose': 'marketing-sms',
                      'action': 'grant', 'notice': {'code': 'privacy-policy', 'version': '2026-01'}, 'channel': 'web',
                      'method': 'checkbox' }""".formatted(Api.freshPhone(), birthDate))));
            assertThat(error.getString("field")).as(birthDate).isEqualTo("subject.birthDate");
        }
        assertThat(Footprint.now()).isEqualTo(before);
        Api.Reply audit = admin.as(InMemoryWiring.AUDITOR_KEY).get("api/v1/audit/events", "from", "+999999999-12-31T23:59:59Z");
        assertThat(firstError(audit).getString("field")).isEqualTo("from");
    }

    @Test
    void a_matrix_parameter_never_names_a_purpose() {
        Footprint before = Footprint.now();
        String body = json("{ 'name': {'zh': '甲'}, 'category': 'marketing', 'legalBasis': 'consent' }");
        for (String path : new String[] {"api/v1/purposes/semi;b", "api/v1/purposes/semi;", "api/v1/purposes/semi%3Bb"}) {
            Api.Reply reply = admin.put(path, body);
            assertThat(reply.status()).as(path).isEqualTo(400);
            assertThat(reply.contentType()).as(path).startsWith("application/problem+json");
        }
        assertThat(admin.get("api/v1/purposes/semi").status()).isEqualTo(404);
        assertThat(admin.get("api/v1/purposes/semi;b").status()).isEqualTo(400);
        assertThat(admin.get("api/v1/subjects/sub_1;x=1/consents").status()).isEqualTo(400);
        assertThat(admin.get("api/v1/notices/privacy-policy;v=2/versions/2026-01").status()).isEqualTo(400);
        assertThat(admin.get("api/v1/connectors/crm%0Aforged/deliveries").status()).isEqualTo(400);
        assertThat(Footprint.now()).isEqualTo(before);
    }
}
