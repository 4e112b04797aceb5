package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.adapters.rest.Api.json;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Over HTTP: the event with the latest {@code occurredAt} is in force, whatever arrives last. */
@HelidonTest
class EventOrderApiTest {

    @Inject
    WebTarget target;

    private Api integrator;
    private Api auditor;
    /** The server's (fixed) clock; the catalogue's notice was published long before the grants' ages (at most 3 h). */
    private Instant now;

    @BeforeEach
    void catalogue() {
        Api admin = new Api(target, InMemoryWiring.ADMIN_KEY);
        integrator = admin.as(InMemoryWiring.INTEGRATOR_KEY);
        auditor = admin.as(InMemoryWiring.AUDITOR_KEY);
        Catalogue.define(admin);
        now = InMemoryWiring.CPM.clock.now();
    }

    private String hoursAgo(int hours) {
        return now.minus(Duration.ofHours(hours)).toString();
    }

    private static String grant(String phone, String occurredAt) {
        return json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms', 'action': 'grant',
                  'notice': {'code': 'privacy-policy', 'version': '2026-01'}, 'channel': 'miniprogram', 'method': 'checkbox',
                  'occurredAt': '%s' }""".formatted(phone, occurredAt));
    }

    private static String withdrawal(String phone, String occurredAt) {
        return json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms', 'action': 'withdraw',
                  'channel': 'sms', 'method': 'sms_reply', 'occurredAt': '%s' }""".formatted(phone, occurredAt));
    }

    private JsonObject decision(String phone) {
        Api.Reply reply = integrator.post("api/v1/decisions", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms', 'channel': 'sms' }"""
                .formatted(phone)));
        assertThat(reply.status()).isEqualTo(200);
        return reply.json();
    }

    private JsonArray history(String subjectId) {
        return auditor.get("api/v1/subjects/" + subjectId + "/history").json().getJsonArray("events");
    }

    private long events() {
        return auditor.get("api/v1/audit/verify").json().getJsonNumber("events").longValue();
    }

    @Test
    @DisplayName("PIPL Art. 15: grant, withdraw, then a grant from the past: still withdrawn, the late grant kept as not current")
    void a_past_grant_after_a_withdrawal_does_not_grant_again() {
        String phone = Api.freshPhone();
        Api.Reply first = integrator.post("api/v1/consents", grant(phone, hoursAgo(3)));
        assertThat(first.status()).as(first.json().toString()).isEqualTo(201);
        assertThat(integrator.post("api/v1/consents", withdrawal(phone, hoursAgo(1))).status()).isEqualTo(201);

        Api.Reply late = integrator.post("api/v1/consents", grant(phone, hoursAgo(2)));

        assertThat(late.status()).isEqualTo(201);
        assertThat(decision(phone).getBoolean("allowed")).isFalse();
        assertThat(decision(phone).getString("reason")).isEqualTo("withdrawn");
        assertThat(late.json().getString("state")).isEqualTo("withdrawn");
        assertThat(late.json().getBoolean("current")).isFalse();

        JsonArray history = history(late.json().getString("subjectId"));
        assertThat(history).hasSize(3);
        assertThat(history.getJsonObject(0).getBoolean("current")).isTrue();
        assertThat(history.getJsonObject(1).getBoolean("current")).isTrue();
        JsonObject lateEvent = history.getJsonObject(2);
        assertThat(lateEvent.getString("action")).isEqualTo("grant");
        assertThat(lateEvent.getBoolean("current")).isFalse();
        assertThat(lateEvent.getString("state")).isEqualTo("withdrawn");
        assertThat(Instant.parse(lateEvent.getString("occurredAt"))).isEqualTo(now.minus(Duration.ofHours(2)));
        assertThat(lateEvent.getString("hash")).isEqualTo(late.json().getString("auditHash"));
        assertThat(auditor.get("api/v1/audit/verify").json().getBoolean("valid")).isTrue();

        JsonObject consent = auditor.get("api/v1/subjects/" + late.json().getString("subjectId") + "/consents").json()
                .getJsonArray("consents").getJsonObject(0);
        assertThat(consent.getString("state")).isEqualTo("withdrawn");
        assertThat(Instant.parse(consent.getString("changedAt"))).isEqualTo(now.minus(Duration.ofHours(1)));
    }

    @Test
    void a_batch_whose_events_arrive_out_of_order_ends_in_the_latest() {
        String phone = Api.freshPhone();
        Api.Reply reply = integrator.post("api/v1/consents:batch", json("{'events': [%s, %s, %s]}".formatted(
                withdrawal(phone, hoursAgo(1)), grant(phone, hoursAgo(3)), grant(phone, hoursAgo(2)))));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().getInt("recorded")).isEqualTo(3);
        assertThat(decision(phone).getBoolean("allowed")).isFalse();
        JsonArray results = reply.json().getJsonArray("results");
        assertThat(results.getJsonObject(0).getJsonObject("result").getBoolean("current")).isTrue();
        assertThat(results.getJsonObject(1).getJsonObject("result").getBoolean("current")).isFalse();
        assertThat(results.getJsonObject(2).getJsonObject("result").getBoolean("current")).isFalse();
        assertThat(results.getJsonObject(2).getJsonObject("result").getString("state")).isEqualTo("withdrawn");
    }

    @Test
    void a_time_ten_minutes_ahead_or_before_2000_is_422_and_writes_nothing() {
        String phone = Api.freshPhone();
        long before = events();

        Api.Reply future = integrator.post("api/v1/consents", grant(phone, now.plus(Duration.ofMinutes(10)).toString()));
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.contentType()).startsWith("application/problem+json");
        assertThat(future.json().getString("code")).isEqualTo("occurred-in-future");

        Api.Reply ancient = integrator.post("api/v1/consents", withdrawal(phone, "1999-12-31T23:59:59+08:00"));
        assertThat(ancient.status()).isEqualTo(422);
        assertThat(ancient.json().getString("code")).isEqualTo("occurred-too-early");
        assertThat(ancient.json().getString("title")).isEqualTo("The event is dated before any consent can be");

        Api.Reply farFuture = integrator.post("api/v1/consents", withdrawal(phone, "+10000-01-01T00:00:00Z"));
        assertThat(farFuture.status()).isIn(400, 422);
        assertThat(farFuture.contentType()).startsWith("application/problem+json");

        assertThat(events()).isEqualTo(before);
        assertThat(integrator.post("api/v1/subjects:lookup", json("{'identifiers': [{'type': 'phone', 'value': '%s'}]}"
                .formatted(phone))).status()).isEqualTo(404);
    }
}
