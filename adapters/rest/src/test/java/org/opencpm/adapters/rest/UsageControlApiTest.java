package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.adapters.rest.Api.json;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Usage control over HTTP: send permits ({@code POST /api/v1/send-permits}) and the
 * {@code recipient} of a decision ({@code POST /api/v1/decisions}), each answer as the OpenAPI document (openapi.yml) shapes it.
 */
@HelidonTest
class UsageControlApiTest {

    @Inject
    WebTarget target;

    private Api admin;
    private Api integrator;

    @BeforeEach
    void catalogue() {
        admin = new Api(target, InMemoryWiring.ADMIN_KEY);
        integrator = admin.as(InMemoryWiring.INTEGRATOR_KEY);
        Catalogue.define(admin);
        assertThat(admin.put("api/v1/purposes/partner-sharing", json("""
                { 'name': {'zh': '向合作伙伴提供'}, 'category': 'sharing', 'legalBasis': 'consent', 'separateConsent': true,
                  'dataElements': ['phone'],
                  'recipients': [{'name': 'Acme Insurance', 'contact': 'dpo@acme.example', 'country': 'CN',
                                  'processingMethod': 'offers by phone'}] }""")).status()).isIn(200, 201);
        assertThat(admin.post("api/v1/notices", json("""
                { 'code': 'sharing-notice', 'version': '1', 'language': 'zh-CN', 'title': '个人信息共享',
                  'content': '我们将向 Acme Insurance 提供您的手机号码', 'purposes': ['partner-sharing'] }""")).status())
                .isIn(200, 201);
    }

    private Api.Reply permit(String phone, String purpose) {
        return integrator.post("api/v1/send-permits", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': '%s', 'channel': 'sms' }"""
                .formatted(phone, purpose)));
    }

    @Test
    @DisplayName("A send permit is granted with an id once the person consented, and refused with the reason before")
    void send_permit_follows_consent() {
        String phone = Api.freshPhone();
        Api.Reply before = permit(phone, "marketing-sms");
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.json().getBoolean("granted")).isFalse();
        assertThat(before.json().getString("reason")).isEqualTo("unknown_subject");
        assertThat(before.json().containsKey("permitId")).isFalse();

        assertThat(integrator.post("api/v1/consents", Catalogue.grant(phone, "'purpose': 'marketing-sms'")).status()).isEqualTo(201);
        Api.Reply after = permit(phone, "marketing-sms");
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.json().getBoolean("granted")).isTrue();
        assertThat(after.json().getString("permitId")).startsWith("pmt_");
        assertThat(after.json().getString("subjectId")).isNotBlank();
    }

    @Test
    @DisplayName("The frequency cap a person set refuses the permit after the last unit is used")
    void send_permit_respects_the_frequency_cap() {
        String phone = Api.freshPhone();
        String subjectId = integrator.post("api/v1/consents", Catalogue.grant(phone, "'purpose': 'marketing-sms'"))
                .json().getString("subjectId");
        assertThat(integrator.put("api/v1/subjects/" + subjectId + "/preferences", json("""
                { 'channels': {'sms': {'enabled': true, 'maxPerMonth': 1}} }""")).status()).isEqualTo(200);
        assertThat(permit(phone, "marketing-sms").json().getBoolean("granted")).isTrue();
        JsonObject second = permit(phone, "marketing-sms").json();
        assertThat(second.getBoolean("granted")).isFalse();
        assertThat(second.getString("reason")).isEqualTo("frequency_cap");
    }

    @Test
    @DisplayName("A send permit for a person never seen, on a purpose of another lawful basis, is granted (not a 500)")
    void send_permit_for_a_stranger_on_a_contract_purpose() {
        Api.Reply reply = permit(Api.freshPhone(), "order-delivery");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.json().getBoolean("granted")).isTrue();
        assertThat(reply.json().getString("permitId")).startsWith("pmt_");
        assertThat(reply.json().containsKey("subjectId")).isFalse();
    }

    @Test
    @DisplayName("A decision names its recipient: only one the consent covered is allowed, and sharing needs one")
    void decision_recipient_must_be_covered() {
        String phone = Api.freshPhone();
        assertThat(integrator.post("api/v1/consents", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'partner-sharing',
                  'action': 'grant', 'notice': {'code': 'sharing-notice', 'version': '1'},
                  'channel': 'web', 'method': 'button' }""".formatted(phone))).status()).isEqualTo(201);
        assertThat(decide(phone, "'recipient': 'Acme Insurance'")).isEqualTo("true/granted");
        assertThat(decide(phone, "'recipient': 'Other Broker Ltd'")).isEqualTo("false/recipient_not_covered");
        assertThat(decide(phone, "'channel': 'sms'")).isEqualTo("false/recipient_not_covered");
    }

    private String decide(String phone, String extra) {
        Api.Reply reply = integrator.post("api/v1/decisions", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'partner-sharing', %s }"""
                .formatted(phone, extra)));
        assertThat(reply.status()).isEqualTo(200);
        return reply.json().getBoolean("allowed") + "/" + reply.json().getString("reason");
    }
}
