package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.domain.alert.Alert;
import org.opencpm.domain.alert.AlertSeverity;

/** GET /api/v1/alerts: newest first in API.md's shape, for auditors and admins only; a bad limit is a 400. */
@HelidonTest
class AlertsApiTest {

    @Inject
    WebTarget target;

    private Api admin;

    @BeforeEach
    void keys() {
        admin = new Api(target, InMemoryWiring.ADMIN_KEY);
    }

    private static JsonArray array(String body) {
        return Json.createReader(new StringReader(body)).readArray();
    }

    @Test
    @DisplayName("PIPL Art. 54: auditors list the alerts raised, newest first, as {id, rule, severity, raisedAt, detail}")
    void alerts_are_listed_newest_first() {
        Instant at = Instant.parse("2099-01-01T00:00:00Z");
        Alert older = new Alert("alert-older", "auth-failures", AlertSeverity.CRITICAL, at, Map.of("count", "101"));
        Alert newer = new Alert("alert-newer", "grant-burst", AlertSeverity.WARNING, at.plus(Duration.ofMinutes(1)),
                Map.of("source", "ip:203.0.113.0/24"));
        InMemoryWiring.CPM.alertStore.add(older);
        InMemoryWiring.CPM.alertStore.add(newer);

        Api.Reply reply = admin.as(InMemoryWiring.AUDITOR_KEY).get("api/v1/alerts", "limit", "2");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<JsonObject> alerts = array(reply.body()).getValuesAs(JsonObject.class);
        assertThat(alerts).extracting(a -> a.getString("id")).containsExactly("alert-newer", "alert-older");
        JsonObject first = alerts.get(0);
        assertThat(first.keySet()).containsExactlyInAnyOrder("id", "rule", "severity", "raisedAt", "detail");
        assertThat(first.getString("rule")).isEqualTo("grant-burst");
        assertThat(first.getString("severity")).isEqualTo("warning");
        assertThat(first.getString("raisedAt")).isEqualTo("2099-01-01T00:01:00.000Z");
        assertThat(first.getJsonObject("detail").getString("source")).isEqualTo("ip:203.0.113.0/24");
        assertThat(admin.get("api/v1/alerts").status()).isEqualTo(200);
    }

    @Test
    void an_integrator_may_not_read_alerts_and_a_bad_limit_is_refused() {
        assertThat(admin.as(InMemoryWiring.INTEGRATOR_KEY).get("api/v1/alerts").status()).isEqualTo(403);
        for (String bad : List.of("0", "1001", "x", "-1")) {
            Api.Reply reply = admin.get("api/v1/alerts", "limit", bad);
            assertThat(reply.status()).as(bad).isEqualTo(400);
            assertThat(reply.contentType()).contains("problem+json");
        }
    }

    @Test
    @DisplayName("PIPL Art. 13, 14: a denied decision is counted against the API key that asked")
    void a_denied_decision_is_counted_for_its_key() {
        Catalogue.define(admin);
        Api integrator = admin.as(InMemoryWiring.INTEGRATOR_KEY);
        Api.Reply denied = integrator.post("api/v1/decisions", Api.json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms', 'channel': 'sms' }""".formatted(Api.freshPhone())));
        assertThat(denied.status()).as(denied.body()).isEqualTo(200);
        assertThat(denied.json().getBoolean("allowed")).isFalse();
        String keyId = InMemoryWiring.CPM.apiKeys.list().stream().filter(k -> k.name().equals("crm")).findFirst().orElseThrow().id();
        // a service with no denial allowed sees the one just counted, against the integrator's key
        var strict = new org.opencpm.application.alert.AlertService(new org.opencpm.application.alert.AlertSettings(Duration.ofMinutes(1),
                20, 3.0, 60, 0, false, 200, 1000, 1000, 1000, Duration.ofDays(1), 1000, 1000), InMemoryWiring.CPM.riskSignals,
                new org.opencpm.testfixtures.InMemoryAlertStore(), org.opencpm.application.port.out.AlertSink.NONE,
                InMemoryWiring.CPM.ports.rightsRequests(), InMemoryWiring.CPM.ports.deadLetters(),
                org.opencpm.application.port.out.ConnectorRuntime.NONE, InMemoryWiring.CPM.apiKeys, InMemoryWiring.CPM.clock);
        assertThat(strict.evaluate()).anyMatch(a -> a.rule().equals("denied-decisions") && keyId.equals(a.detail().get("apiKeyId")));
    }
}
