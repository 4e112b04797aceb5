package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Sign-in to the preference centre by SMS code (ADR 0022): the same answer for a known and an
 * unknown phone, a code that opens once, attempt and request limits, and a short-lived token that
 * works on the self paths only.
 */
@HelidonTest
class SmsSignInApiTest {

    @Inject
    WebTarget target;

    private Api admin;
    private Api integrator;
    private Api anonymous;
    private SmsTestGateway gateway;

    @BeforeEach
    void setUp() {
        admin = new Api(target, InMemoryWiring.ADMIN_KEY);
        integrator = admin.as(InMemoryWiring.INTEGRATOR_KEY);
        anonymous = admin.as(null);
        Catalogue.define(admin);
        gateway = SmsTestGateway.installed();
    }

    @AfterEach
    void noGateway() {
        SmsTestGateway.uninstall();
    }

    private String known() {
        String phone = Api.freshPhone();
        assertThat(integrator.post("api/v1/consents", Catalogue.grant(phone, "'purpose': 'marketing-sms'")).status()).isEqualTo(201);
        return phone;
    }

    private Api.Reply ask(String phone) {
        return anonymous.post("api/v1/self/sms-codes", "{\"phone\": \"" + phone + "\"}");
    }

    private Api.Reply verify(String challenge, String phone, String code) {
        return anonymous.post("api/v1/self/sms-codes:verify",
                "{\"challenge\": \"" + challenge + "\", \"phone\": \"" + phone + "\", \"code\": \"" + code + "\"}");
    }

    private String sentCode() {
        return gateway.sent.getLast().parameters().get("code");
    }

    private static String wrong(String code) {
        return code.equals("000000") ? "000001" : "000000";
    }

    @Test
    @DisplayName("A known phone gets a code by SMS; the code, with its challenge, opens the preference centre for that person")
    void a_code_opens_the_preference_centre() {
        String phone = known();
        assertThat(anonymous.get("api/v1/self/sms-codes").json().getBoolean("available")).isTrue();
        Api.Reply asked = ask(phone);
        assertThat(asked.status()).as(asked.body()).isEqualTo(202);
        String challenge = asked.json().getString("challenge");
        assertThat(asked.body()).doesNotContain(phone);
        assertThat(gateway.sent).singleElement().satisfies(m -> {
            assertThat(m.recipient().value()).isEqualTo("+86" + phone);
            assertThat(m.template()).contains("SMS_CODE");
            assertThat(m.parameters().get("code")).matches("[0-9]{6}");
        });
        Api.Reply verified = verify(challenge, phone, sentCode());
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        String token = verified.json().getString("token");
        assertThat(token).startsWith("pcs1.");
        Api self = admin.as(token);
        JsonObject overview = self.get("api/v1/self").json();
        assertThat(overview.toString()).contains("\"state\":\"granted\"").doesNotContain(phone);
        Api.Reply access = self.post("api/v1/self/rights-requests", "{\"type\": \"access\"}");
        assertThat(access.status()).isEqualTo(201);
        assertThat(admin.get("api/v1/rights-requests/" + access.json().getString("requestId")).json()
                .getJsonObject("verification").getString("method")).isEqualTo("sms_code");
        // a code opens once
        assertThat(verify(challenge, phone, sentCode()).status()).isEqualTo(429);
        // the session's token is no API key
        assertThat(self.get("api/v1/purposes").status()).isEqualTo(401);
    }

    @Test
    @DisplayName("No enumeration: an unknown phone gets the same answer, no SMS is sent, and no code opens anything")
    void an_unknown_phone_is_answered_alike() {
        String unknown = Api.freshPhone();
        Api.Reply asked = ask(unknown);
        Api.Reply knownAsked = ask(known());
        assertThat(asked.status()).isEqualTo(knownAsked.status()).isEqualTo(202);
        assertThat(asked.json().keySet()).isEqualTo(knownAsked.json().keySet());
        assertThat(asked.json().getString("challenge")).hasSameSizeAs(knownAsked.json().getString("challenge"));
        assertThat(gateway.sent).hasSize(1); // the known one's
        for (String code : List.of("000000", "123456", "999999")) {
            Api.Reply r = verify(asked.json().getString("challenge"), unknown, code);
            assertThat(r.status()).as(r.body()).isEqualTo(422);
            assertThat(r.json().getString("type")).endsWith("/code-refused");
        }
    }

    @Test
    @DisplayName("Five wrong codes spend a challenge (429), even for the right code after; a code for one phone opens nothing for another")
    void attempts_are_limited() {
        String phone = known();
        String other = known();
        String challenge = ask(phone).json().getString("challenge");
        String code = sentCode();
        assertThat(verify(challenge, other, code).status()).isEqualTo(422);
        for (int i = 0; i < 4; i++) {
            assertThat(verify(challenge, phone, wrong(code)).status()).isEqualTo(422);
        }
        Api.Reply spent = verify(challenge, phone, code);
        assertThat(spent.status()).as(spent.body()).isEqualTo(429);
        assertThat(spent.response().getHeaderString("Retry-After")).isNotBlank();
    }

    @Test
    @DisplayName("A phone is sent at most three codes in fifteen minutes; a tampered or expired challenge opens nothing")
    void requests_are_limited_and_challenges_checked() {
        String phone = known();
        String challenge = null;
        for (int i = 0; i < 3; i++) {
            Api.Reply r = ask(phone);
            assertThat(r.status()).isEqualTo(202);
            challenge = r.json().getString("challenge");
        }
        assertThat(ask(phone).status()).isEqualTo(429);
        assertThat(gateway.sent).hasSize(3);
        String code = sentCode();
        String[] parts = challenge.split("\\.");
        String longer = parts[0] + "." + parts[1] + "." + (Long.parseLong(parts[2]) + 3600) + "." + parts[3];
        assertThat(verify(longer, phone, code).status()).isEqualTo(422);
        String otherId = parts[0] + "." + (parts[1].charAt(0) == 'A' ? "B" : "A") + parts[1].substring(1) + "." + parts[2] + "." + parts[3];
        assertThat(verify(otherId, phone, code).status()).isEqualTo(422);
        InMemoryWiring.CPM.clock.advance(Duration.ofMinutes(6));
        assertThat(verify(challenge, phone, code).status()).isEqualTo(422);
    }

    @Test
    @DisplayName("Hostile sign-in bodies are 400 problems; nothing is sent and nothing written")
    void hostile_bodies() {
        Footprint before = Footprint.now();
        for (String body : List.of("{}", "{\"phone\": 13800138000}", "{\"phone\": \"not a phone\"}", "{\"phone\": \"\"}",
                "{\"phone\": \"13800138000\", \"subjectId\": \"x\"}", "[]", "null", "{")) {
            Api.Reply r = anonymous.post("api/v1/self/sms-codes", body);
            assertThat(r.status()).as(body + " → " + r.body()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.body()).doesNotContain("13800138000");
        }
        for (String body : List.of("{}", "{\"challenge\": \"x\", \"phone\": \"13800138000\"}",
                "{\"challenge\": \"x\", \"phone\": \"13800138000\", \"code\": \"1\", \"more\": 1}")) {
            Api.Reply r = anonymous.post("api/v1/self/sms-codes:verify", body);
            assertThat(r.status()).as(body + " → " + r.body()).isEqualTo(400);
        }
        Api.Reply garbage = verify("pcc1.x.1.y", "13800138000", "12345a");
        assertThat(garbage.status()).isEqualTo(422);
        assertThat(gateway.sent).isEmpty();
        assertThat(Footprint.now()).isEqualTo(before);
    }
}
