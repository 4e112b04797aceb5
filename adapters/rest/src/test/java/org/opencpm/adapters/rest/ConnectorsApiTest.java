package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.adapters.rest.Api.json;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.out.Delivery;
import org.opencpm.application.port.out.DeliveryStatus;

@HelidonTest
class ConnectorsApiTest {

    private static final String CONNECTOR = FakeConnectorRuntime.CONNECTOR;

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
        admin.post("api/v1/plugins/" + FakeConnectorRuntime.PLUGIN + ":enable", "");
    }

    @Test
    @DisplayName("Each connector is listed with how its deliveries stand; a consent change adds one for it")
    void connectors_are_listed_with_their_delivery_counts() {
        long before = pendingOf(auditor.get("api/v1/connectors").array());
        assertThat(integrator.post("api/v1/consents", Catalogue.grant(Api.freshPhone(), "'purpose': 'marketing-sms'")).status()).isEqualTo(201);

        Api.Reply reply = integrator.get("api/v1/connectors");
        assertThat(reply.status()).isEqualTo(200);
        JsonObject connector = reply.array().getJsonObject(0);
        assertThat(connector.getString("id")).isEqualTo(CONNECTOR);
        assertThat(connector.getString("name")).isEqualTo("CRM webhook");
        assertThat(connector.getString("version")).isEqualTo("1.0.0");
        assertThat(connector.getString("state")).isEqualTo("running");
        assertThat(connector.keySet()).contains("pending", "delivered", "failed", "dead");
        assertThat(pendingOf(reply.array())).isEqualTo(before + 1);
    }

    @Test
    @DisplayName("A dead letter is listed with its change and last error, and an admin replays it")
    void dead_letters_are_listed_and_replayed() {
        String subjectId = integrator.post("api/v1/consents", Catalogue.grant(Api.freshPhone(), "'purpose': 'marketing-sms'"))
                .json().getString("subjectId");
        Delivery delivery = InMemoryWiring.CPM.deliveries.all().stream()
                .filter(d -> d.change().subject().value().equals(subjectId)).findFirst().orElseThrow();
        InMemoryWiring.CPM.deliveries.kill(delivery.id(), Instant.now(), "HTTP 400 from the platform: bad field 'mobile'");

        Api.Reply dead = auditor.get("api/v1/connectors/" + CONNECTOR + "/deliveries", "status", "dead", "limit", "1000");
        assertThat(dead.status()).isEqualTo(200);
        JsonObject listed = dead.array().getValuesAs(JsonObject.class).stream()
                .filter(d -> d.getJsonNumber("id").longValue() == delivery.id()).findFirst().orElseThrow();
        assertThat(listed.getString("status")).isEqualTo("dead");
        assertThat(listed.getString("lastError")).contains("HTTP 400");
        assertThat(listed.getJsonObject("change").getString("subjectId")).isEqualTo(subjectId);
        assertThat(listed.getJsonObject("change").getString("purpose")).isEqualTo("marketing-sms");
        assertThat(listed.getJsonObject("change").getString("state")).isEqualTo("granted");

        assertThat(integrator.post("api/v1/connectors/" + CONNECTOR + "/deliveries:replay", "").status()).isEqualTo(403);
        Api.Reply replayed = admin.post("api/v1/connectors/" + CONNECTOR + "/deliveries:replay", json("{'ids': [%d]}".formatted(delivery.id())));
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.json().getInt("replayed")).isEqualTo(1);
        assertThat(replayed.json().getInt("superseded")).isZero();
        assertThat(InMemoryWiring.CPM.deliveries.all().stream().filter(d -> d.id() == delivery.id()).findFirst().orElseThrow().status())
                .isEqualTo(DeliveryStatus.PENDING);
    }

    @Test
    void a_replay_of_ids_that_are_not_ids_is_refused_naming_the_field() {
        Api.Reply reply = admin.post("api/v1/connectors/" + CONNECTOR + "/deliveries:replay", json("{'ids': ['seven']}"));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("ids[0]");
    }

    @Test
    void an_unknown_connector_or_status_is_a_clear_problem() {
        Api.Reply unknown = auditor.get("api/v1/connectors/no-such/deliveries");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().getString("code")).isEqualTo("connector-not-found");
        assertThat(auditor.get("api/v1/connectors/" + CONNECTOR + "/deliveries", "status", "lost").status()).isEqualTo(400);
        assertThat(auditor.get("api/v1/connectors/" + CONNECTOR + "/deliveries", "limit", "0").status()).isEqualTo(400);
    }

    @Test
    @DisplayName("Plugins are listed, disabled and enabled again without a restart; only an admin may")
    void plugins_are_listed_disabled_and_enabled() {
        JsonArray plugins = auditor.get("api/v1/plugins").array();
        assertThat(plugins.getJsonObject(0).getString("id")).isEqualTo(FakeConnectorRuntime.PLUGIN);
        assertThat(plugins.getJsonObject(0).getJsonArray("connectors").getString(0)).isEqualTo(CONNECTOR);

        assertThat(integrator.post("api/v1/plugins/" + FakeConnectorRuntime.PLUGIN + ":disable", "").status()).isEqualTo(403);
        Api.Reply disabled = admin.post("api/v1/plugins/" + FakeConnectorRuntime.PLUGIN + ":disable", "");
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().getString("state")).isEqualTo("disabled");
        assertThat(auditor.get("api/v1/connectors").array().getJsonObject(0).getString("state")).isEqualTo("paused");

        assertThat(admin.post("api/v1/plugins/" + FakeConnectorRuntime.PLUGIN + ":enable", "").json().getString("state")).isEqualTo("started");
        Api.Reply unknown = admin.post("api/v1/plugins/no-such-plugin:enable", "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    @Test
    void a_reload_reports_what_it_found() {
        int before = InMemoryWiring.RUNTIME.reloads;
        Api.Reply reload = admin.post("api/v1/plugins:reload", "");
        assertThat(reload.status()).isEqualTo(200);
        assertThat(reload.json().keySet()).containsExactlyInAnyOrder("added", "started", "failed");
        assertThat(InMemoryWiring.RUNTIME.reloads).isEqualTo(before + 1);
        java.util.List<org.opencpm.domain.audit.AuditEvent> trail = InMemoryWiring.CPM.auditTrail.all();
        org.opencpm.domain.audit.AuditEvent audited = trail.get(trail.size() - 1);
        assertThat(audited.type()).isEqualTo(org.opencpm.domain.audit.AuditEventType.PLUGINS_RELOADED);
        assertThat(audited.actor()).isEqualTo("key:" + InMemoryWiring.CPM.apiKeys.authenticate(InMemoryWiring.ADMIN_KEY).orElseThrow().keyId());

        assertThat(auditor.post("api/v1/plugins:reload", "").status()).isEqualTo(403);
        assertThat(InMemoryWiring.CPM.auditTrail.all()).as("a refused reload is not audited").hasSize(trail.size());
    }

    @Test
    @DisplayName("回T退订: a platform's callback, checked its own way, withdraws consent through the normal use case")
    void a_callback_withdraws_consent() {
        String phone = Api.freshPhone();
        String subjectId = integrator.post("api/v1/consents", Catalogue.grant(phone, "'purpose': 'marketing-sms'")).json().getString("subjectId");

        Api.Reply answer = Api.reply(target.path("hooks/" + CONNECTOR + "/sms/replies").request().header("X-Token", "good")
                .post(Entity.entity(phone, "text/plain")));
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.body()).isEqualTo("{\"accepted\":1}");

        JsonArray history = auditor.get("api/v1/subjects/" + subjectId + "/history").json().getJsonArray("events");
        assertThat(history.getJsonObject(history.size() - 1).getString("action")).isEqualTo("withdraw");
        assertThat(history.getJsonObject(history.size() - 1).getString("channel")).isEqualTo("crm");
    }

    @Test
    @DisplayName("A callback that fails the platform's check records nothing, and our API keys do not stand in for it")
    void a_callback_that_fails_its_check_records_nothing() {
        String phone = Api.freshPhone();
        String subjectId = integrator.post("api/v1/consents", Catalogue.grant(phone, "'purpose': 'marketing-sms'")).json().getString("subjectId");

        Api.Reply answer = Api.reply(target.path("hooks/" + CONNECTOR + "/sms/replies").request()
                .header("Authorization", "Bearer " + InMemoryWiring.ADMIN_KEY).header("X-Token", "forged")
                .post(Entity.entity(phone, "text/plain")));
        assertThat(answer.status()).isEqualTo(401);
        assertThat(auditor.get("api/v1/subjects/" + subjectId + "/history").json().getJsonArray("events")).hasSize(1);
    }

    @Test
    void a_callback_for_no_connector_is_a_problem() {
        Api.Reply answer = Api.reply(target.path("hooks/no-such/x").request().post(Entity.entity("x", "text/plain")));
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    private static long pendingOf(JsonArray connectors) {
        return connectors.getValuesAs(JsonObject.class).stream().filter(c -> c.getString("id").equals(CONNECTOR))
                .mapToLong(c -> c.getJsonNumber("pending").longValue()).sum();
    }
}
