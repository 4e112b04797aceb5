package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.adapters.rest.Api.json;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.out.MessageGateway;

/**
 * {@code POST /api/v1/connectors/{id}/messages} against abuse: whom a permitted message reaches (the
 * owner of the number, never a stranger listed beside them), what a permit's unit is spent on (not on
 * a message refused before it left), and hostile input (4xx problems, nothing sent). An over-long
 * request line is the listener's, answered as a problem by the distribution (RequestFramingIT).
 */
@HelidonTest
class MessagesGuardsApiTest {

    @Inject
    WebTarget target;

    private Api integrator;
    private SmsTestGateway gateway;

    @BeforeEach
    void installGateway() {
        Api admin = new Api(target, InMemoryWiring.ADMIN_KEY);
        integrator = admin.as(InMemoryWiring.INTEGRATOR_KEY);
        Catalogue.define(admin);
        gateway = SmsTestGateway.installed();
    }

    @AfterEach
    void noGateway() {
        SmsTestGateway.uninstall();
    }

    private String granted(String phone) {
        Api.Reply grant = integrator.post("api/v1/consents", Catalogue.grant(phone, "'purpose': 'marketing-sms'"));
        assertThat(grant.status()).isEqualTo(201);
        return grant.json().getString("subjectId");
    }

    @Test
    @DisplayName("MIIT Order 31: a stranger's number listed beside a consenting person's gets no message on that person's permit")
    void a_strangers_number_never_rides_on_someone_elses_permit() {
        String consenting = Api.freshPhone();
        granted(consenting);
        String stranger = Api.freshPhone(); // never seen by OpenCPM, never consented

        Api.Reply reply = integrator.post("api/v1/connectors/sms-test/messages", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}, {'type': 'phone', 'value': '%s'}]},
                  'purpose': 'marketing-sms', 'template': 'SMS_1' }""".formatted(stranger, consenting)));

        assertThat(reply.status()).as("two numbers: which one to text is not the caller's guess to make").isEqualTo(400);
        assertThat(gateway.sent).isEmpty();

        // the stranger's number alone: the permit is asked for its owner, whom OpenCPM does not know
        Api.Reply alone = integrator.post("api/v1/connectors/sms-test/messages", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}, {'type': 'email', 'value': 'someone@example.com'}]},
                  'purpose': 'marketing-sms', 'template': 'SMS_1' }""".formatted(stranger)));
        assertThat(alone.status()).isEqualTo(200);
        assertThat(alone.json().getBoolean("sent")).isFalse();
        assertThat(alone.json().getString("reason")).isEqualTo("unknown_subject");
        assertThat(gateway.sent).isEmpty();
    }

    @Test
    @DisplayName("A message the connector refuses before calling the platform (template-missing) does not spend the person's last budget unit")
    void a_local_refusal_spends_no_budget() {
        String phone = Api.freshPhone();
        String subjectId = granted(phone);
        assertThat(integrator.put("api/v1/subjects/" + subjectId + "/preferences", json("""
                { 'channels': {'sms': {'enabled': true, 'maxPerMonth': 1}} }""")).status()).isEqualTo(200);
        // what sms-aliyun and sms-tencent answer, without any request, when no template is named or configured
        gateway.platform = m -> new MessageGateway.Refused("template-missing", "the message names no template");
        String body = json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms' }""".formatted(phone));
        assertThat(integrator.post("api/v1/connectors/sms-test/messages", body).status()).isEqualTo(422);

        gateway.platform = m -> new MessageGateway.Accepted("biz-" + m.permitId());
        Api.Reply retry = integrator.post("api/v1/connectors/sms-test/messages", body);
        assertThat(retry.json().getBoolean("sent")).as("the month's only unit went on a message that never left: " + retry.body()).isTrue();
    }
    @Test
    @DisplayName("Hostile requests to /messages: malformed or odd ids get a 4xx problem+json; huge parameters never a 5xx")
    void hostile_requests_get_4xx_problems() {
        SoftAssertions soft = new SoftAssertions();
        String phone = Api.freshPhone();
        granted(phone);
        String subject = "{\"subject\":{\"identifiers\":[{\"type\":\"phone\",\"value\":\"" + phone + "\"}]},\"purpose\":\"marketing-sms\"";
        List<String[]> refused = List.of(
                new String[] {"sms-test", "{\"subject\":"},
                new String[] {"sms-test", subject.replace("marketing-sms", "Marketing SMS!") + "}"},
                new String[] {"%2e%2e%2fplugins", subject + "}"},
                new String[] {"a%00b", subject + "}"});
        for (String[] c : refused) {
            Api.Reply reply = integrator.post("api/v1/connectors/" + c[0] + "/messages", c[1]);
            String what = c[0].substring(0, Math.min(20, c[0].length())) + " " + c[1].substring(0, Math.min(80, c[1].length()));
            soft.assertThat(reply.status()).as(what).isBetween(400, 499);
            soft.assertThat(reply.contentType()).as(what + " (HTTP " + reply.status() + ")").startsWith("application/problem+json");
        }
        soft.assertThat(gateway.sent).isEmpty();

        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            many.append(i == 0 ? "" : ",").append("\"p").append(i).append("\":\"v\"");
        }
        for (String huge : List.of(subject + ",\"parameters\":{" + many + "}}", subject + ",\"template\":\"" + "x".repeat(500_000) + "\"}")) {
            Api.Reply reply = integrator.post("api/v1/connectors/sms-test/messages", huge);
            soft.assertThat(reply.status()).as(huge.substring(0, 120)).isLessThan(500);
        }
        soft.assertThat(gateway.sent).as("20 000 template parameters and a 500 kB template name reach the gateway (and take a permit)").isEmpty();
        soft.assertAll();
    }
}
