package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.adapters.rest.Api.json;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.out.MessageGateway;

/** {@code POST /api/v1/connectors/{id}/messages}: a message goes out through a send gateway only under a send permit. */
@HelidonTest
class MessagesApiTest {

    @Inject
    WebTarget target;

    private Api admin;
    private Api integrator;
    private SmsTestGateway gateway;

    @BeforeEach
    void installGateway() {
        admin = new Api(target, InMemoryWiring.ADMIN_KEY);
        integrator = admin.as(InMemoryWiring.INTEGRATOR_KEY);
        Catalogue.define(admin);
        gateway = SmsTestGateway.installed();
    }

    @AfterEach
    void noGateway() {
        SmsTestGateway.uninstall();
    }

    private Api.Reply send(String phone) {
        return integrator.post("api/v1/connectors/sms-test/messages", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms', 'topic': 'promotions',
                  'template': 'SMS_1', 'parameters': {'name': '李雷'} }""".formatted(phone)));
    }

    private String granted(String phone) {
        Api.Reply grant = integrator.post("api/v1/consents", Catalogue.grant(phone, "'purpose': 'marketing-sms'"));
        assertThat(grant.status()).isEqualTo(201);
        return grant.json().getString("subjectId");
    }

    @Test
    @DisplayName("MIIT Order 31: with consent the message goes out under a permit, the platform's id comes back")
    void a_permitted_message_is_sent() {
        String phone = Api.freshPhone();
        granted(phone);
        Api.Reply reply = send(phone);
        assertThat(reply.status()).isEqualTo(200);
        JsonObject body = reply.json();
        assertThat(body.getBoolean("sent")).isTrue();
        assertThat(body.getString("permitId")).startsWith("pmt_");
        assertThat(body.getString("messageId")).isEqualTo("biz-" + body.getString("permitId"));
        assertThat(gateway.sent).singleElement().satisfies(m -> {
            assertThat(m.recipient().value()).isEqualTo("+86" + phone);
            assertThat(m.template()).contains("SMS_1");
            assertThat(m.parameters()).containsEntry("name", "李雷");
            assertThat(m.topic()).contains("promotions");
        });
    }

    @Test
    @DisplayName("MIIT Order 31: without consent no permit is issued and the gateway is never called")
    void without_consent_nothing_is_sent() {
        Api.Reply reply = send(Api.freshPhone());
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().getBoolean("sent")).isFalse();
        assertThat(reply.json().getString("reason")).isEqualTo("unknown_subject");
        assertThat(gateway.sent).isEmpty();
    }

    @Test
    @DisplayName("A person capped at 2 SMS a month gets two; the third is refused with frequency_cap and never reaches the gateway")
    void the_third_message_of_a_month_capped_at_two_is_refused() {
        String phone = Api.freshPhone();
        String subjectId = granted(phone);
        assertThat(integrator.put("api/v1/subjects/" + subjectId + "/preferences", json("""
                { 'channels': {'sms': {'enabled': true, 'maxPerMonth': 2}} }""")).status()).isEqualTo(200);
        assertThat(send(phone).json().getBoolean("sent")).isTrue();
        assertThat(send(phone).json().getBoolean("sent")).isTrue();
        JsonObject third = send(phone).json();
        assertThat(third.getBoolean("sent")).isFalse();
        assertThat(third.getString("reason")).isEqualTo("frequency_cap");
        assertThat(gateway.sent).hasSize(2);
    }

    @Test
    @DisplayName("A platform's refusal is 422 platform-refused with its code; an outage is 503 with the platform's Retry-After")
    void platform_answers_become_problems() {
        String phone = Api.freshPhone();
        granted(phone);
        gateway.platform = m -> new MessageGateway.Refused("isv.SMS_TEMPLATE_ILLEGAL", "the template is not approved");
        Api.Reply refused = send(phone);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().getString("code")).isEqualTo("platform-refused");
        assertThat(refused.json().getString("platformCode")).isEqualTo("isv.SMS_TEMPLATE_ILLEGAL");
        assertThat(refused.json().getString("permitId")).startsWith("pmt_");

        gateway.platform = m -> new MessageGateway.Unavailable("Throttling", Optional.of(Duration.ofSeconds(30)));
        Api.Reply unavailable = send(phone);
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.json().getString("code")).isEqualTo("platform-unavailable");
        assertThat(unavailable.response().getHeaderString("Retry-After")).isEqualTo("30");
    }

    @Test
    @DisplayName("No such gateway is 404; a subject without a phone is 400; a bad body is 400; an auditor key is 403 — nothing sent, no permit taken")
    void hostile_and_wrong_requests_send_nothing() {
        String phone = Api.freshPhone();
        String subjectId = granted(phone);
        assertThat(integrator.post("api/v1/connectors/no-such/messages", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms' }""".formatted(phone)))
                .status()).isEqualTo(404);
        Api.Reply byId = integrator.post("api/v1/connectors/sms-test/messages", json("""
                { 'subjectId': '%s', 'purpose': 'marketing-sms' }""".formatted(subjectId)));
        assertThat(byId.status()).isEqualTo(400);
        assertThat(byId.body()).contains("phone");
        for (String body : List.of("{}", "[]", "{\"subject\":{\"identifiers\":[{\"type\":\"phone\",\"value\":\"" + phone
                        + "\"}]},\"purpose\":\"marketing-sms\",\"parameters\":{\"n\":1}}",
                "{\"subject\":{\"identifiers\":[{\"type\":\"phone\",\"value\":\"" + phone + "\"}]},\"purpose\":\"marketing-sms\",\"to\":\"x\"}",
                "{\"subject\":{\"identifiers\":[{\"type\":\"phone\",\"value\":\"" + phone + "\"}]},\"purpose\":\"marketing-sms\",\"template\":\"\"}")) {
            Api.Reply reply = integrator.post("api/v1/connectors/sms-test/messages", body);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.contentType()).as(body).startsWith("application/problem+json");
        }
        Api.Reply auditor = admin.as(InMemoryWiring.AUDITOR_KEY).post("api/v1/connectors/sms-test/messages", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms' }""".formatted(phone)));
        assertThat(auditor.status()).isEqualTo(403);
        assertThat(gateway.sent).isEmpty();
        // the budget was never touched: a person capped at 1 still gets their one message
        assertThat(integrator.put("api/v1/subjects/" + subjectId + "/preferences", json("""
                { 'channels': {'sms': {'enabled': true, 'maxPerMonth': 1}} }""")).status()).isEqualTo(200);
        assertThat(send(phone).json().getBoolean("sent")).isTrue();
    }
}
