package org.opencpm.plugins.crmwebhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.util.Optional;
import org.opencpm.connectors.api.ConnectorConfig;
import org.opencpm.connectors.api.ConsentCommand;
import org.opencpm.connectors.api.EventOutcome;
import org.opencpm.connectors.api.Hmac;
import org.opencpm.connectors.api.InboundRequest;
import org.opencpm.connectors.api.InboundResponse;
import org.opencpm.connectors.api.SubjectIdentifier;
import org.opencpm.connectors.testkit.CallbackEvent;
import org.opencpm.connectors.testkit.CallbackResult;
import org.opencpm.connectors.testkit.ConnectorHarness;
import org.opencpm.connectors.testkit.ConnectorKit;
import org.opencpm.connectors.testkit.HarnessDelivery;

class CrmWebhookTest {

    private static final String SECRET = CrmWebhookConformanceTest.SECRET;

    /** The host's clock in the kit's tests: what the connector signs with and checks against is exact. */
    private static final Instant HOST_NOW = Instant.parse("2026-11-29T02:00:00Z");

    @RegisterExtension
    static ConnectorKit kit = ConnectorKit.of(CrmWebhookConnector::new).config("url", "${baseUrl}/events").config("secret", SECRET)
            .clock(Clock.fixed(HOST_NOW, ZoneOffset.UTC));

    @Test
    @DisplayName("A status the operator lists in answers.nothingToDo settles the change (delivered, no retry); other 4xx stay dead letters")
    void statuses_listed_as_nothing_to_do_settle_the_change() {
        try (ConnectorHarness harness = ConnectorHarness.of(new CrmWebhookConnector()).config("url", "${baseUrl}/events")
                .config("secret", SECRET).config(CrmWebhookConnector.NOTHING_TO_DO, "404, 410").start()) {
            harness.platform().stubFor(post(urlPathEqualTo("/events")).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock
                    .containing("sub_gone")).willReturn(aResponse().withStatus(410)));
            harness.platform().stubFor(post(urlPathEqualTo("/events")).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock
                    .containing("sub_bad")).willReturn(aResponse().withStatus(400)));
            harness.withdraw("sub_gone", "marketing-sms", 3);
            harness.withdraw("sub_bad", "marketing-sms", 4);
            harness.awaitSettled();
            assertThat(harness.deliveries()).filteredOn(d -> d.subjectId().equals("sub_gone")).singleElement()
                    .satisfies(d -> assertThat(d.status()).isEqualTo(HarnessDelivery.Status.DELIVERED));
            assertThat(harness.dead()).extracting(HarnessDelivery::subjectId).containsExactly("sub_bad");
            harness.platform().verify(2, postRequestedFor(urlPathEqualTo("/events")));
        }
    }

    @Test
    @DisplayName("answers.nothingToDo that is no list of HTTP statuses keeps the connector from starting, naming the key")
    void a_bad_nothing_to_do_list_fails_the_start() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConnectorHarness.of(new CrmWebhookConnector())
                        .config("url", "${baseUrl}/events").config("secret", SECRET).config(CrmWebhookConnector.NOTHING_TO_DO, "not-found").start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(CrmWebhookConnector.NOTHING_TO_DO);
    }

    @Test
    @DisplayName("PIPL Art. 47: a withdrawal reaches the CRM as a CloudEvents 1.0 event marked erasureDue, signed with HMAC-SHA-256 over timestamp.body")
    void a_change_is_a_signed_cloud_event(ConnectorHarness harness) {
        harness.platform().stubFor(post(urlPathEqualTo("/events")).willReturn(ok()));
        harness.identify("sub_1", SubjectIdentifier.of("phone", "+8613800138000"), SubjectIdentifier.of("email", "li@example.com"));
        harness.withdraw("sub_1", "marketing-sms", 7);
        harness.awaitSettled();

        LoggedRequest request = harness.platform().findAll(postRequestedFor(
                urlPathEqualTo("/events"))).get(0);
        assertThat(request.getHeader("Content-Type")).startsWith("application/cloudevents+json");
        String timestamp = request.getHeader("X-OpenCPM-Timestamp");
        String body = request.getBodyAsString();
        assertThat(request.getHeader("X-OpenCPM-Signature")).isEqualTo("sha256=" + Hmac.sha256Hex(SECRET, timestamp + "." + body));
        assertThat(Long.parseLong(timestamp)).as("signed at the host's time").isEqualTo(HOST_NOW.getEpochSecond());

        JsonObject event = Json.createReader(new StringReader(body)).readObject();
        assertThat(event.getString("specversion")).isEqualTo("1.0");
        assertThat(event.getString("type")).isEqualTo("org.opencpm.consent.changed");
        assertThat(event.getString("subject")).isEqualTo("sub_1");
        JsonObject data = event.getJsonObject("data");
        assertThat(data.getString("purpose")).isEqualTo("marketing-sms");
        assertThat(data.getString("state")).isEqualTo("withdrawn");
        assertThat(data.getJsonNumber("version").longValue()).isEqualTo(7);
        assertThat(data.getBoolean("erasureDue")).isTrue();
        assertThat(data.getJsonArray("identifiers")).hasSize(2);
        assertThat(data.getJsonArray("identifiers").getJsonObject(0).getString("value")).isEqualTo("+8613800138000");
    }

    @Test
    @DisplayName("PIPL Art. 47: a person's erasure is a CloudEvent of its own type, with the identifiers the CRM must delete")
    void an_erasure_is_a_cloud_event_of_its_own_type(ConnectorHarness harness) {
        harness.platform().stubFor(post(urlPathEqualTo("/events")).willReturn(ok()));
        harness.identify("sub_9", SubjectIdentifier.of("phone", "+8613900139000"));
        harness.erase("sub_9", 12);
        harness.awaitSettled();

        String body = harness.platform().findAll(postRequestedFor(urlPathEqualTo("/events"))).get(0).getBodyAsString();
        JsonObject event = Json.createReader(new StringReader(body)).readObject();
        assertThat(event.getString("type")).isEqualTo("org.opencpm.subject.erased");
        assertThat(event.getString("subject")).isEqualTo("sub_9");
        JsonObject data = event.getJsonObject("data");
        assertThat(data.getString("kind")).isEqualTo("erasure");
        assertThat(data.getBoolean("erasureDue")).isTrue();
        assertThat(data.containsKey("purpose")).isFalse();
        assertThat(data.getJsonArray("identifiers").getJsonObject(0).getString("value")).isEqualTo("+8613900139000");
    }

    @Test
    @DisplayName("In batch mode the body is a JSON array of events (application/cloudevents-batch+json)")
    void batches_are_cloud_event_arrays() {
        try (ConnectorHarness harness = ConnectorHarness.of(new CrmWebhookConnector()).config("url", "${baseUrl}/events")
                .config("secret", SECRET).config("batch.size", "50").config("batch.windowMillis", "200").start()) {
            harness.platform().stubFor(post(urlPathEqualTo("/events")).willReturn(ok()));
            for (int i = 0; i < 5; i++) {
                harness.grant("sub_" + i, "newsletter", 1);
            }
            harness.awaitSettled();
            LoggedRequest first = harness.platform().getAllServeEvents().get(harness.platform().getAllServeEvents().size() - 1).getRequest();
            assertThat(first.getHeader("Content-Type")).startsWith("application/cloudevents-batch+json");
            assertThat(Json.createReader(new StringReader(first.getBodyAsString())).readArray()).isNotEmpty();
        }
    }

    @Test
    @DisplayName("A CRM slower than timeoutMillis counts as a failed attempt and is tried again")
    void a_crm_that_does_not_answer_in_time_is_retried() {
        try (ConnectorHarness harness = ConnectorHarness.of(new CrmWebhookConnector()).config("url", "${baseUrl}/events")
                .config("secret", SECRET).config("timeoutMillis", "300").start()) {
            harness.platform().stubFor(post(urlPathEqualTo("/events")).inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(ok().withFixedDelay(2000)).willSetStateTo("fast"));
            harness.platform().stubFor(post(urlPathEqualTo("/events")).inScenario("slow").whenScenarioStateIs("fast").willReturn(ok()));
            harness.grant("sub_1", "newsletter", 1);
            harness.awaitSettled();
            assertThat(harness.deliveries().get(0).status()).isEqualTo(HarnessDelivery.Status.DELIVERED);
            assertThat(harness.deliveries().get(0).attempts()).isEqualTo(2);
            assertThat(harness.platform().findAll(postRequestedFor(urlPathEqualTo("/events")))).hasSize(2);
        }
    }

    private static InboundRequest signed(String body, long timestamp, String secret) {
        return new InboundRequest("events", "POST", Map.of(),
                Map.of("X-OpenCPM-Timestamp", List.of(Long.toString(timestamp)),
                        "X-OpenCPM-Signature", List.of("sha256=" + Hmac.sha256Hex(secret, timestamp + "." + body))),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static InboundEvents inbound(Instant now) {
        return new InboundEvents(new ConnectorConfig(Map.of("secret", SECRET), Set.of("secret")), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    @DisplayName("A body that is not exactly one JSON value, repeats a key or is not UTF-8 is refused whole, never partly taken")
    void a_body_read_loosely_would_drop_or_flip_events() {
        Instant now = Instant.parse("2026-11-29T02:00:00Z");
        String grant = """
                {"id": "nd-a", "subject": {"identifiers": [{"type": "crm_id", "value": "C-1"}]}, "purpose": "marketing-email",
                 "action": "withdraw"}""";
        String ndjson = grant + "\n" + grant.replace("nd-a", "nd-b").replace("C-1", "C-2");
        InboundResponse concatenated = inbound(now).handle(signed(ndjson, now.getEpochSecond(), SECRET));
        assertThat(concatenated.status()).isEqualTo(400);
        assertThat(concatenated.commands()).isEmpty();

        String twice = grant.replace("\"action\": \"withdraw\"", "\"action\": \"withdraw\", \"action\": \"grant\"");
        InboundResponse duplicateKey = inbound(now).handle(signed(twice, now.getEpochSecond(), SECRET));
        assertThat(duplicateKey.status()).isEqualTo(400);
        assertThat(duplicateKey.commands()).isEmpty();

        byte[] gbk = grant.replace("C-1", "张三").getBytes(java.nio.charset.Charset.forName("GBK"));
        long t = now.getEpochSecond();
        InboundRequest notUtf8 = new InboundRequest("events", "POST", Map.of(), Map.of("X-OpenCPM-Timestamp", List.of(Long.toString(t)),
                "X-OpenCPM-Signature", List.of("sha256=x")), gbk);
        assertThat(inbound(now).handle(notUtf8).status()).isEqualTo(400);
    }

    @Test
    @DisplayName("A CRM's signed consent events become consent commands")
    void signed_events_from_the_crm_become_commands() {
        Instant now = Instant.parse("2026-11-29T02:00:00Z");
        String body = """
                {"events": [{"id": "crm-77", "subject": {"identifiers": [{"type": "crm_id", "value": "C-1001"}]},
                  "purpose": "marketing-email", "action": "withdraw", "method": "button", "occurredAt": "2026-11-29T09:59:00+08:00"}]}""";
        InboundResponse response = inbound(now).handle(signed(body, now.getEpochSecond(), SECRET));
        assertThat(response.answer()).as("answered once the events were recorded").isPresent();
        ConsentCommand command = response.commands().get(0);
        assertThat(command.action()).isEqualTo("withdraw");
        assertThat(command.purposes()).containsExactly("marketing-email");
        assertThat(command.channel()).isEqualTo("crm");
        assertThat(command.idempotencyKey()).contains("crm-77");
        assertThat(command.identifiers().get(0).value()).isEqualTo("C-1001");
    }

    @Test
    @DisplayName("Through the host, a batch is answered per event once recorded: an event without an id and one with a phone that is no phone are refused with their reasons")
    void a_batch_is_answered_per_event_through_the_host(ConnectorHarness harness) {
        long now = HOST_NOW.getEpochSecond();
        String body = """
                [{"id": "crm-1", "subject": {"identifiers": [{"type": "phone", "value": "13800138000"}]}, "purpose": "marketing-sms", "action": "withdraw"},
                 {"subject": {"identifiers": [{"type": "phone", "value": "13800138001"}]}, "purpose": "marketing-sms", "action": "withdraw"},
                 {"id": "crm-3", "subject": {"identifiers": [{"type": "phone", "value": "12"}]}, "purpose": "marketing-sms", "action": "withdraw"}]""";
        CallbackResult outcome = harness.callback(signed(body, now, SECRET)).orElseThrow();

        assertThat(outcome.events()).hasSize(3);
        assertThat(outcome.events().get(0).eventId()).contains("crm-1");
        assertThat(outcome.events().get(0).idempotencyKey()).as("recorded once per connector and id")
                .contains("connector:crm-webhook:crm-1");
        assertThat(outcome.events().get(1).refusalCode()).contains("event-id-required");
        assertThat(outcome.events().get(2).refusalCode()).contains("invalid-value");

        List<EventOutcome> results = List.of(new EventOutcome(0, Optional.of("crm-1"), EventOutcome.Kind.RECORDED, Optional.empty(), Optional.empty()),
                refused(1, Optional.empty(), outcome.events().get(1)),
                refused(2, Optional.of("crm-3"), outcome.events().get(2)));
        InboundResponse answer = outcome.answer(results);
        assertThat(answer.status()).isEqualTo(200);
        JsonObject json = Json.createReader(new StringReader(new String(answer.body(), StandardCharsets.UTF_8))).readObject();
        assertThat(json.getInt("recorded")).isEqualTo(1);
        assertThat(json.getInt("refused")).isEqualTo(2);
        assertThat(json.getJsonArray("events").getJsonObject(0).getString("outcome")).isEqualTo("recorded");
        assertThat(json.getJsonArray("events").getJsonObject(1).getString("code")).isEqualTo("event-id-required");
        assertThat(json.getJsonArray("events").getJsonObject(2).getString("id")).isEqualTo("crm-3");
        assertThat(json.getJsonArray("events").getJsonObject(2).getString("reason")).isNotBlank();

        InboundResponse none = outcome.answer(List.of(refused(0, Optional.of("crm-1"), outcome.events().get(1))));
        assertThat(none.status()).as("nothing recorded").isEqualTo(422);
        InboundResponse failed = outcome.answer(List.of(new EventOutcome(0, Optional.of("crm-1"), EventOutcome.Kind.FAILED, Optional.empty(),
                Optional.of("it could not be recorded now; send it again"))));
        assertThat(failed.status()).as("recording failed: the CRM sends it again").isEqualTo(503);
    }

    /** Event {@code index} refused for the reason the host gave {@code as}. */
    private static EventOutcome refused(int index, Optional<String> eventId, CallbackEvent as) {
        return new EventOutcome(index, eventId, EventOutcome.Kind.REFUSED, as.refusalCode(), as.refusalReason());
    }

    @Test
    @DisplayName("A wrong signature, a stale timestamp or no signature is refused with 401 and no commands")
    void unsigned_or_stale_events_are_refused() {
        Instant now = Instant.parse("2026-11-29T02:00:00Z");
        String body = "{\"subject\":{\"identifiers\":[{\"type\":\"crm_id\",\"value\":\"C-1\"}]},\"purpose\":\"x\",\"action\":\"withdraw\"}";
        assertThat(inbound(now).handle(signed(body, now.getEpochSecond(), "not-the-secret")).status()).isEqualTo(401);
        assertThat(inbound(now).handle(signed(body, now.getEpochSecond() - 600, SECRET)).status()).isEqualTo(401);
        InboundResponse unsigned = inbound(now).handle(new InboundRequest("events", "POST", Map.of(), Map.of(), body.getBytes(StandardCharsets.UTF_8)));
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.commands()).isEmpty();
        InboundResponse tampered = inbound(now).handle(new InboundRequest("events", "POST", Map.of(),
                signed(body, now.getEpochSecond(), SECRET).headers(), (body + " ").getBytes(StandardCharsets.UTF_8)));
        assertThat(tampered.status()).isEqualTo(401);
    }
}
