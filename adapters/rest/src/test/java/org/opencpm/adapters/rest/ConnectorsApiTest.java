package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.adapters.rest.Api.json;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
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
    void the_plugin_actions_refuse_any_body_but_none_or_an_empty_object_and_do_nothing() {
        String plugin = "api/v1/plugins/" + FakeConnectorRuntime.PLUGIN;
        int reloads = InMemoryWiring.RUNTIME.reloads;
        int events = InMemoryWiring.CPM.auditTrail.all().size();
        for (String action : new String[] {plugin + ":disable", plugin + ":enable", "api/v1/plugins:reload"}) {
            for (String body : new String[] {"{\"force\": true}", "[]", "null", "\"yes\"", "{} {}", " ", "disable"}) {
                Api.Reply refused = admin.post(action, body);
                assertThat(refused.status()).as(action + " with " + body).isEqualTo(400);
                assertThat(refused.contentType()).startsWith("application/problem+json");
            }
        }
        assertThat(auditor.get("api/v1/plugins").array().getJsonObject(0).getString("state")).as("not disabled").isEqualTo("started");
        assertThat(InMemoryWiring.RUNTIME.reloads).as("not reloaded").isEqualTo(reloads);
        assertThat(InMemoryWiring.CPM.auditTrail.all()).as("nothing audited").hasSize(events);

        assertThat(admin.post(plugin + ":disable", "{ }").json().getString("state")).isEqualTo("disabled");
        assertThat(admin.post(plugin + ":enable", "").json().getString("state")).isEqualTo("started");
    }

    @Test
    void a_reload_reports_what_it_found() {
        int before = InMemoryWiring.RUNTIME.reloads;
        Api.Reply reload = admin.post("api/v1/plugins:reload", "");
        assertThat(reload.status()).isEqualTo(200);
        assertThat(reload.json().keySet()).containsExactlyInAnyOrder("added", "upgraded", "removed", "started", "failed", "reconfigured");
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
        String subjectId = grant(phone);

        Api.Reply answer = hook(eventId() + " " + phone);
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.body()).isEqualTo("{\"outcomes\":[\"recorded\"]}");

        JsonArray history = historyOf(subjectId);
        assertThat(history.getJsonObject(history.size() - 1).getString("action")).isEqualTo("withdraw");
        assertThat(history.getJsonObject(history.size() - 1).getString("channel")).isEqualTo("crm");
    }

    @Test
    @DisplayName("A callback that fails the platform's check records nothing, and our API keys do not stand in for it")
    void a_callback_that_fails_its_check_records_nothing() {
        String phone = Api.freshPhone();
        String subjectId = grant(phone);

        Api.Reply answer = Api.reply(target.path("hooks/" + CONNECTOR + "/sms/replies").request()
                .header("Authorization", "Bearer " + InMemoryWiring.ADMIN_KEY).header("X-Token", "forged").header("X-Timestamp", now())
                .post(Entity.entity(eventId() + " " + phone, "text/plain")));
        assertThat(answer.status()).isEqualTo(401);
        assertThat(historyOf(subjectId)).hasSize(1);
    }

    @Test
    @DisplayName("PIPL Art. 15: an inbound event sent again records nothing and is answered as a duplicate — also a week later, past the signature window")
    void a_replayed_event_records_nothing_even_after_the_signature_window() {
        String phone = Api.freshPhone();
        String subjectId = grant(phone);
        String id = eventId();
        long duplicatesBefore = inbound("inboundDuplicates");

        assertThat(hook(id + " " + phone).body()).isEqualTo("{\"outcomes\":[\"recorded\"]}");
        Api.Reply again = hook(id + " " + phone);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.body()).isEqualTo("{\"outcomes\":[\"duplicate\"]}");
        assertThat(historyOf(subjectId)).hasSize(2);

        // The person grants again; a week later the platform (freshly signed) sends the old withdrawal once more.
        grant(phone);
        String capturedAt = now();
        InMemoryWiring.CPM.clock.advance(Duration.ofDays(8));
        Api.Reply stale = Api.reply(target.path("hooks/" + CONNECTOR + "/events").request().header("X-Token", "good")
                .header("X-Timestamp", capturedAt).post(Entity.entity(id + " " + phone, "text/plain")));
        assertThat(stale.status()).as("a captured request is outside the signature window").isEqualTo(401);
        Api.Reply late = hook(id + " " + phone);
        assertThat(late.status()).isEqualTo(202);
        assertThat(late.body()).isEqualTo("{\"outcomes\":[\"duplicate\"]}");

        JsonArray history = historyOf(subjectId);
        assertThat(history).hasSize(3);
        assertThat(history.getJsonObject(2).getString("action")).as("still granted").isEqualTo("grant");
        assertThat(inbound("inboundDuplicates")).isEqualTo(duplicatesBefore + 2);
    }

    @Test
    @DisplayName("An API client cannot take a connector's event id in advance: connector:<id>:… keys are the connector's own")
    void a_client_cannot_use_a_connectors_idempotency_keys() {
        String phone = Api.freshPhone();
        String id = eventId();
        Api.Reply taken = integrator.post("api/v1/consents",
                Catalogue.grant(phone, "'purpose': 'marketing-sms', 'idempotencyKey': 'connector:" + CONNECTOR + ":" + id + "'"));
        assertThat(taken.status()).as(taken.body()).isEqualTo(400);
        assertThat(taken.json().getString("code")).isEqualTo("invalid-value");

        String subjectId = grant(phone);
        assertThat(hook(id + " " + phone).body()).isEqualTo("{\"outcomes\":[\"recorded\"]}");
        assertThat(historyOf(subjectId)).hasSize(2);
    }

    @Test
    @DisplayName("An inbound event without an id is refused with 422: nothing is recorded, and the refusal is counted")
    void an_event_without_an_id_is_refused() {
        String phone = Api.freshPhone();
        String subjectId = grant(phone);
        long refusedBefore = inbound("inboundRefused");

        Api.Reply answer = hook("- " + phone);
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body()).isEqualTo("{\"outcomes\":[\"refused:event-id-required\"]}");
        assertThat(historyOf(subjectId)).hasSize(1);
        assertThat(inbound("inboundRefused")).isEqualTo(refusedBefore + 1);
    }

    @Test
    @DisplayName("A batch is answered per event: one recorded, one refused for an unknown purpose, one refused for reusing an id with other content")
    void a_mixed_batch_is_answered_per_event() {
        String phone = Api.freshPhone();
        String other = Api.freshPhone();
        String subjectId = grant(phone);
        String otherSubjectId = grant(other);
        String id = eventId();
        long recordedBefore = inbound("inboundRecorded");
        long refusedBefore = inbound("inboundRefused");

        Api.Reply answer = hook(id + " " + phone + "\n" + eventId() + " " + other + " no-such-purpose\n" + id + " " + other);
        assertThat(answer.status()).as("something was recorded").isEqualTo(202);
        assertThat(answer.body()).isEqualTo("{\"outcomes\":[\"recorded\",\"refused:unknown-purpose\",\"refused:idempotency-key-reused\"]}");
        assertThat(historyOf(subjectId)).hasSize(2);
        assertThat(historyOf(otherSubjectId)).as("nothing recorded for the refused events").hasSize(1);
        assertThat(inbound("inboundRecorded")).isEqualTo(recordedBefore + 1);
        assertThat(inbound("inboundRefused")).isEqualTo(refusedBefore + 2);

        Api.Reply refusedOnly = hook(eventId() + " " + other + " no-such-purpose");
        assertThat(refusedOnly.status()).as("nothing was recorded, whatever the connector said").isEqualTo(422);
    }

    @Test
    @DisplayName("When recording fails the platform gets a 5xx, so that it sends the event again; the retry is recorded")
    void a_recording_failure_is_answered_with_a_5xx() {
        String phone = Api.freshPhone();
        String subjectId = grant(phone);
        String id = eventId();
        long failedBefore = inbound("inboundFailed");

        InMemoryWiring.CPM.auditTrail.failNextAppend(new IllegalStateException("the disk is full"));
        Api.Reply failed = hook(id + " " + phone);
        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.body()).isEqualTo("{\"outcomes\":[\"failed\"]}");
        assertThat(historyOf(subjectId)).hasSize(1);
        assertThat(inbound("inboundFailed")).isEqualTo(failedBefore + 1);

        Api.Reply retried = hook(id + " " + phone);
        assertThat(retried.body()).isEqualTo("{\"outcomes\":[\"recorded\"]}");
        assertThat(historyOf(subjectId)).hasSize(2);
    }

    @Test
    void a_callback_for_no_connector_is_a_problem() {
        Api.Reply answer = Api.reply(target.path("hooks/no-such/x").request().post(Entity.entity("x", "text/plain")));
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    private static final AtomicLong EVENT_IDS = new AtomicLong();

    private static String eventId() {
        return "evt-" + EVENT_IDS.incrementAndGet();
    }

    private static String now() {
        return Long.toString(InMemoryWiring.CPM.clock.now().getEpochSecond());
    }

    /** A callback as the platform signs it now. */
    private Api.Reply hook(String events) {
        return Api.reply(target.path("hooks/" + CONNECTOR + "/events").request().header("X-Token", "good").header("X-Timestamp", now())
                .post(Entity.entity(events, "text/plain")));
    }

    private String grant(String phone) {
        return integrator.post("api/v1/consents", Catalogue.grant(phone, "'purpose': 'marketing-sms'")).json().getString("subjectId");
    }

    private JsonArray historyOf(String subjectId) {
        return auditor.get("api/v1/subjects/" + subjectId + "/history").json().getJsonArray("events");
    }

    private long inbound(String field) {
        return auditor.get("api/v1/connectors").array().getValuesAs(JsonObject.class).stream().filter(c -> c.getString("id").equals(CONNECTOR))
                .mapToLong(c -> c.getJsonNumber(field).longValue()).sum();
    }

    private static long pendingOf(JsonArray connectors) {
        return connectors.getValuesAs(JsonObject.class).stream().filter(c -> c.getString("id").equals(CONNECTOR))
                .mapToLong(c -> c.getJsonNumber("pending").longValue()).sum();
    }
}
