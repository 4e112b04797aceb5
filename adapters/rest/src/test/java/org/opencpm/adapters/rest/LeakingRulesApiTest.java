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

    private static String abroad(String mechanism) {
        return json("""
                { 'name': {'zh': '总部分析'}, 'category': 'analytics', 'legalBasis': 'consent', 'crossBorder': true, %s
                  'dataElements': ['purchase_history'],
                  'recipients': [{'name': 'HQ GmbH', 'contact': 'privacy@hq.example', 'country': 'DE', 'processingMethod': 'analytics'}] }"""
                .formatted(mechanism));
    }

    private Api.Reply grantAbroad(String code) {
        assertThat(admin.post("api/v1/notices", json("""
                { 'code': '%s-notice', 'version': '1', 'language': 'zh-CN', 'title': '出境告知',
                  'content': '我们将向 HQ GmbH（德国）提供您的购买记录', 'purposes': ['%s'] }""".formatted(code, code))).status())
                .isIn(200, 201);
        return integrator.post("api/v1/consents", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': '%s', 'action': 'grant',
                  'notice': {'code': '%s-notice', 'version': '1'}, 'channel': 'app', 'method': 'checkbox' }"""
                .formatted(Api.freshPhone(), code, code)));
    }

    @Test
    @DisplayName("PIPL Art. 38: a cross-border purpose records its transfer mechanism; a grant of one without it is 422")
    void a_cross_border_purpose_needs_a_transfer_mechanism_for_grants() {
        Api.Reply defined = admin.put("api/v1/purposes/hq-analytics", abroad("'transferMechanism': 'standard_contract',"));
        assertThat(defined.status()).isIn(200, 201);
        assertThat(defined.json().getString("transferMechanism")).isEqualTo("standard_contract");
        assertThat(grantAbroad("hq-analytics").status()).isEqualTo(201);

        assertThat(admin.put("api/v1/purposes/hq-reports", abroad("")).status()).isIn(200, 201);
        Api.Reply refused = grantAbroad("hq-reports");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().getString("type")).isEqualTo("https://opencpm.org/problems/transfer-mechanism-required");
        assertThat(refused.json().getString("detail")).contains("hq-reports");

        assertThat(admin.put("api/v1/purposes/hq-other", abroad("'transferMechanism': 'handshake',")).status()).isEqualTo(400);
        Api.Reply local = admin.put("api/v1/purposes/local-only", json("""
                { 'name': {'zh': '本地'}, 'category': 'service', 'legalBasis': 'consent', 'transferMechanism': 'certification' }"""));
        assertThat(local.status()).isEqualTo(422);
    }

    private static String offers(String elements, String description) {
        return json("""
                { 'name': {'zh': '会员优惠'}, 'description': '%s', 'category': 'marketing', 'legalBasis': 'consent',
                  'dataElements': [%s] }""".formatted(description, elements));
    }

    @Test
    @DisplayName("PIPL Art. 14 ¶2: redefining a purpose materially outdates consents given before: no, reason purpose_redefined, until re-consent")
    void a_material_redefinition_outdates_earlier_consents() {
        String code = "offers-" + Api.freshPhone();
        assertThat(admin.put("api/v1/purposes/" + code, offers("'phone'", "短信优惠")).status()).isEqualTo(201);
        assertThat(admin.post("api/v1/notices", json("""
                { 'code': '%s-notice', 'version': '1', 'language': 'zh-CN', 'title': '会员优惠',
                  'content': '我们会用您的手机号码发送会员优惠', 'purposes': ['%s'] }""".formatted(code, code))).status()).isEqualTo(201);
        String phone = Api.freshPhone();
        String grant = json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': '%s', 'action': 'grant',
                  'notice': {'code': '%s-notice', 'version': '1'}, 'channel': 'app', 'method': 'checkbox' }""".formatted(phone, code, code));
        assertThat(integrator.post("api/v1/consents", grant).status()).isEqualTo(201);

        InMemoryWiring.CPM.clock.advance(java.time.Duration.ofMinutes(1));
        Api.Reply cosmetic = admin.put("api/v1/purposes/" + code, offers("'phone'", "短信和会员优惠"));
        assertThat(cosmetic.status()).isEqualTo(200);
        assertThat(cosmetic.json().containsKey("materiallyRedefinedAt")).isFalse();
        assertThat(decide(phone, code)).isEqualTo("true/granted");

        InMemoryWiring.CPM.clock.advance(java.time.Duration.ofMinutes(1));
        Api.Reply material = admin.put("api/v1/purposes/" + code, offers("'phone', 'precise_location'", "短信和会员优惠"));
        assertThat(material.status()).isEqualTo(422);
        Api.Reply redefined = admin.put("api/v1/purposes/" + code, offers("'phone', 'purchase_history'", "短信和会员优惠"));
        assertThat(redefined.status()).isEqualTo(200);
        assertThat(redefined.json().getString("materiallyRedefinedAt")).isNotBlank();
        assertThat(decide(phone, code)).isEqualTo("false/purpose_redefined");

        InMemoryWiring.CPM.clock.advance(java.time.Duration.ofMinutes(1));
        assertThat(integrator.post("api/v1/consents", grant).status()).isEqualTo(201);
        assertThat(decide(phone, code)).isEqualTo("true/granted");
    }
}
