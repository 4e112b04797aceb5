package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.adapters.rest.Api.json;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear problem+json naming what was wrong, and writes nothing. */
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
}
