package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.adapters.rest.Api.json;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The rules that used to leak (issue 12), over HTTP: implied acts, sensitive elements declared
 * general, cross-border purposes without a transfer mechanism, material redefinitions of a purpose.
 */
@HelidonTest
class LeakingRulesApiTest {

    @Inject
    WebTarget target;

    private Api admin;
    private Api integrator;

    @BeforeEach
    void catalogue() {
        admin = new Api(target, InMemoryWiring.ADMIN_KEY);
        integrator = admin.as(InMemoryWiring.INTEGRATOR_KEY);
        Catalogue.define(admin);
    }

    private String decide(String phone, String purpose) {
        Api.Reply reply = integrator.post("api/v1/decisions", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': '%s' }""".formatted(phone, purpose)));
        assertThat(reply.status()).isEqualTo(200);
        return reply.json().getBoolean("allowed") + "/" + reply.json().getString("reason");
    }

    @Test
    @DisplayName("PIPL Art. 14: an implied grant is recorded (201) but a decision on it is no, reason implied_consent")
    void an_implied_grant_is_recorded_but_does_not_allow() {
        String phone = Api.freshPhone();
        Api.Reply implied = integrator.post("api/v1/consents",
                Catalogue.grant(phone, "'purpose': 'marketing-sms'").replace("\"checkbox\"", "\"implied\""));
        assertThat(implied.status()).isEqualTo(201);
        assertThat(decide(phone, "marketing-sms")).isEqualTo("false/implied_consent");

        assertThat(integrator.post("api/v1/consents", Catalogue.grant(phone, "'purpose': 'marketing-sms'")).status()).isEqualTo(201);
        assertThat(decide(phone, "marketing-sms")).isEqualTo("true/granted");
    }

    @Test
    @DisplayName("PIPL Art. 28, 31: a standard sensitive element or a minor's data declared general is 422 naming the element, and writes nothing")
    void a_sensitive_element_declared_general_is_refused() {
        Api.Reply face = admin.put("api/v1/purposes/face-login", json("""
                { 'name': {'zh': '刷脸登录'}, 'category': 'service', 'legalBasis': 'consent',
                  'dataElements': [{'name': 'face', 'grade': 'general'}] }"""));
        assertThat(face.status()).isEqualTo(422);
        assertThat(face.contentType()).startsWith("application/problem+json");
        assertThat(face.json().getString("detail")).contains("'face'").contains("PIPL Art. 28");
        assertThat(admin.get("api/v1/purposes/face-login").status()).isEqualTo(404);

        Api.Reply minor = admin.put("api/v1/purposes/kids-club", json("""
                { 'name': {'zh': '儿童俱乐部'}, 'category': 'marketing', 'legalBasis': 'consent',
                  'dataElements': [{'name': 'school_grade', 'category': 'minor', 'grade': 'general'}] }"""));
        assertThat(minor.status()).isEqualTo(422);
        assertThat(minor.json().getString("detail")).contains("'school_grade'");

        Api.Reply declaredSensitive = admin.put("api/v1/purposes/face-login", json("""
                { 'name': {'zh': '刷脸登录'}, 'category': 'service', 'legalBasis': 'consent', 'sensitive': true,
                  'dataElements': [{'name': 'face', 'grade': 'sensitive'}] }"""));
        assertThat(declaredSensitive.status()).isIn(200, 201);
        assertThat(declaredSensitive.json().getBoolean("separateConsentRequired")).isTrue();
    }
}
