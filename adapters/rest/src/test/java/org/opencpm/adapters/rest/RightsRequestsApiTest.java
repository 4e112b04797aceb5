package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.adapters.rest.Api.json;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.client.WebTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;

/** Rights requests over HTTP: recorded with a due date, moved, listed, refused with problem+json. */
@HelidonTest
class RightsRequestsApiTest {

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
    }

    /** A person OpenCPM knows: their phone. */
    private String knownPhone() {
        String phone = Api.freshPhone();
        assertThat(integrator.post("api/v1/consents", Catalogue.grant(phone, "'purpose': 'marketing-sms'")).status()).isEqualTo(201);
        return phone;
    }

    private Api.Reply record(String phone, String type) {
        return integrator.post("api/v1/rights-requests", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'type': '%s', 'channel': 'call_center',
                  'verification': {'method': 'operator', 'operator': 'agent 7'}, 'note': 'asked by phone' }"""
                .formatted(phone, type)));
    }

    @Test
    @DisplayName("PIPL Art. 50, GB/T 35273 §8.7: a request is recorded, due in 15 days, answered, audited in the person's chain")
    void a_request_is_recorded_started_and_completed() {
        String phone = knownPhone();
        Instant now = InMemoryWiring.CPM.clock.now();

        Api.Reply created = record(phone, "access");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonObject r = created.json();
        String id = r.getString("requestId");
        assertThat(r.getString("type")).isEqualTo("access");
        assertThat(r.getString("status")).isEqualTo("received");
        assertThat(r.getString("channel")).isEqualTo("call_centre");
        assertThat(Instant.parse(r.getString("dueAt"))).isEqualTo(Instant.parse(r.getString("receivedAt")).plus(Duration.ofDays(15)));
        assertThat(Instant.parse(r.getString("receivedAt"))).isAfterOrEqualTo(now.minusMillis(1));
        assertThat(created.body()).doesNotContain(phone);

        assertThat(integrator.post("api/v1/rights-requests/" + id + ":start", "{}").json().getString("status")).isEqualTo("in_progress");
        Api.Reply completed = integrator.post("api/v1/rights-requests/" + id + ":complete", json("{'note': 'copy sent by post'}"));
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        assertThat(completed.json().getString("status")).isEqualTo("completed");
        assertThat(completed.json().getString("resolution")).isEqualTo("copy sent by post");

        Api.Reply read = auditor.get("api/v1/rights-requests/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().getString("status")).isEqualTo("completed");
        List<AuditEvent> events = InMemoryWiring.CPM.auditTrail.all().stream()
                .filter(e -> id.equals(e.details().get("requestId"))).toList();
        assertThat(events).extracting(AuditEvent::type).containsExactly(AuditEventType.RIGHTS_REQUEST_RECEIVED,
                AuditEventType.RIGHTS_REQUEST_STARTED, AuditEventType.RIGHTS_REQUEST_COMPLETED);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.subjectId()).isEqualTo(r.getString("subjectId"));
            assertThat(e.actor()).startsWith("key:");
            assertThat(e.details().toString()).doesNotContain(phone);
        });
        assertThat(auditor.get("api/v1/audit/verify").json().getBoolean("valid")).isTrue();
    }

    @Test
    void a_rejection_needs_a_reason_and_a_final_request_does_not_move_409() {
        String id = record(knownPhone(), "deletion").json().getString("requestId");

        Api.Reply noReason = integrator.post("api/v1/rights-requests/" + id + ":reject", "{}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.contentType()).startsWith("application/problem+json");
        Api.Reply rejected = integrator.post("api/v1/rights-requests/" + id + ":reject", json("{'reason': 'kept by law: tax records'}"));
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(rejected.json().getString("reason")).isEqualTo("kept by law: tax records");

        Api.Reply again = integrator.post("api/v1/rights-requests/" + id + ":complete", "{}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.json().getString("type")).endsWith("rights-request-transition");
    }

    @Test
    void refusals_are_problems_and_record_nothing() {
        long before = rightsEvents();

        Api.Reply unknownType = record(knownPhone(), "forget_me");
        Api.Reply unknownPerson = record(Api.freshPhone(), "access");
        Api.Reply unknownField = integrator.post("api/v1/rights-requests", json("""
                { 'subjectId': 'x', 'type': 'access', 'channel': 'api', 'verification': {'method': 'login'}, 'priority': 'high' }"""));
        Api.Reply unknownId = auditor.get("api/v1/rights-requests/no-such-request");
        Api.Reply operatorUnnamed = integrator.post("api/v1/rights-requests", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'type': 'access', 'channel': 'store',
                  'verification': {'method': 'operator'} }""".formatted(knownPhone())));

        assertThat(unknownType.status()).as(unknownType.body()).isEqualTo(400);
        assertThat(unknownPerson.status()).as(unknownPerson.body()).isEqualTo(404);
        assertThat(unknownPerson.json().getString("type")).endsWith("subject-not-found");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownId.status()).isEqualTo(404);
        assertThat(unknownId.json().getString("type")).endsWith("rights-request-not-found");
        assertThat(operatorUnnamed.status()).isEqualTo(400);
        for (Api.Reply reply : List.of(unknownType, unknownPerson, unknownField, unknownId, operatorUnnamed)) {
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
        assertThat(rightsEvents()).isEqualTo(before);
    }

    private static long rightsEvents() {
        return InMemoryWiring.CPM.auditTrail.all().stream().filter(e -> e.type().name().startsWith("RIGHTS_REQUEST")).count();
    }

    @Test
    void listed_by_status_oldest_due_first_for_an_auditor_not_created_by_one() {
        String phone = knownPhone();
        String first = record(phone, "correction").json().getString("requestId");
        InMemoryWiring.CPM.clock.advance(Duration.ofSeconds(1));
        String second = record(phone, "explanation").json().getString("requestId");

        Api.Reply list = auditor.get("api/v1/rights-requests", "status", "received");
        assertThat(list.status()).isEqualTo(200);
        List<String> ids = list.json().getJsonArray("requests").stream().map(JsonValue::asJsonObject)
                .map(o -> o.getString("requestId")).filter(id -> id.equals(first) || id.equals(second)).toList();
        assertThat(ids).containsExactly(first, second);
        assertThat(auditor.get("api/v1/rights-requests", "overdue", "true").json().getJsonArray("requests").stream()
                .map(v -> v.asJsonObject().getString("requestId"))).doesNotContain(first, second);
        assertThat(auditor.get("api/v1/rights-requests", "status", "open").status()).isEqualTo(400);
        assertThat(auditor.post("api/v1/rights-requests", "{}").status()).isEqualTo(403);
    }
}
