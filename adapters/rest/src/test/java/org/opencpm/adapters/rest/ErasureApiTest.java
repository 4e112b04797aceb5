package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.adapters.rest.Api.json;
import static org.opencpm.adapters.rest.Problems.assertProblem;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Erasure over HTTP (PIPL Art. 47): hostile requests to {@code :erase} are problems that write
 * nothing, and an erased person's id answers a clean 4xx everywhere, never a 500, never bringing
 * them back.
 */
@HelidonTest
class ErasureApiTest {

    @Inject
    WebTarget target;

    private Api integrator;
    private Api auditor;

    @BeforeEach
    void catalogue() {
        Api admin = new Api(target, InMemoryWiring.ADMIN_KEY);
        integrator = admin.as(InMemoryWiring.INTEGRATOR_KEY);
        auditor = admin.as(InMemoryWiring.AUDITOR_KEY);
        Catalogue.define(admin);
    }

    private String subjectOf(String phone) {
        InMemoryWiring.CPM.clock.advance(Duration.ofSeconds(1));
        Api.Reply r = integrator.post("api/v1/consents", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms', 'action': 'grant',
                  'notice': {'code': 'privacy-policy', 'version': '2026-01'}, 'channel': 'store', 'method': 'signature' }"""
                .formatted(phone)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().getString("subjectId");
    }

    private String request(String subject, String type) {
        Api.Reply r = integrator.post("api/v1/rights-requests", json("""
                { 'subjectId': '%s', 'type': '%s', 'channel': 'call_center',
                  'verification': {'method': 'operator', 'operator': 'agent 7'}, 'note': 'asked by phone' }""".formatted(subject, type)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().getString("requestId");
    }

    private static String erasing(String requestId) {
        return json("{ 'requestId': '%s' }".formatted(requestId));
    }

    private int auditEvents() {
        return InMemoryWiring.CPM.auditTrail.all().size();
    }

    @Test
    @DisplayName("PIPL Art. 47: hostile or wrong erase requests are 4xx problems and erase nothing")
    void hostile_erase_requests_erase_nothing() {
        String phone = Api.freshPhone();
        String subject = subjectOf(phone);
        String other = subjectOf(Api.freshPhone());
        String access = request(subject, "access");
        String othersDeletion = request(other, "deletion");
        String path = "api/v1/subjects/" + subject + ":erase";
        int before = auditEvents();

        assertProblem(new Api(target, null).post(path, erasing(access)), 401);
        assertProblem(auditor.post(path, erasing(access)), 403);
        assertProblem(integrator.post("api/v1/subjects/not%20an%20id:erase", erasing(access)), 400);
        assertProblem(integrator.post(path, ""), 400);
        assertProblem(integrator.post(path, "{}"), 400);
        assertProblem(integrator.post(path, "{\"requestId\": \"" + access + "\", \"requestId\": \"" + othersDeletion + "\"}"), 400);
        assertProblem(integrator.post(path, json("{ 'requestId': 'x', 'extra': 1 }")), 400);
        assertProblem(integrator.post(path, json("{ 'requestId': '../../etc' }")), 400);
        assertProblem(integrator.send("POST", path, erasing(access).getBytes(StandardCharsets.UTF_8), "text/plain"), 415);
        assertProblem(integrator.send("POST", path, ("{\"requestId\": \"" + "a".repeat(2_000_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8), "application/json"), 413);
        assertThat(integrator.post(path, erasing(access)).status()).as("an access request erases nobody").isBetween(400, 499);
        assertThat(integrator.post(path, erasing(othersDeletion)).status()).as("another person's request").isBetween(400, 499);
        assertProblem(integrator.post(path, erasing("00000000-0000-4000-8000-000000000000")), 404);

        assertThat(auditEvents()).isEqualTo(before);
        assertThat(integrator.get("api/v1/subjects/" + subject + "/consents").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("PIPL Art. 47: an erased person's id is a clean 4xx on every endpoint, and nothing brings them back")
    void an_erased_id_is_gone_everywhere() {
        String phone = Api.freshPhone();
        String subject = subjectOf(phone);
        String other = subjectOf(Api.freshPhone());
        String receipt = integrator.get("api/v1/subjects/" + subject + "/history").json().toString();
        String deletion = request(subject, "deletion");
        Api.Reply erased = integrator.post("api/v1/subjects/" + subject + ":erase", erasing(deletion));
        assertThat(erased.status()).as(erased.body()).isEqualTo(202);
        if (erased.json().getString("status").equals("erasing")) { // a connector to wait for: the wait runs out
            InMemoryWiring.CPM.clock.advance(org.opencpm.testfixtures.InMemoryOpenCpm.ERASURE_WAIT);
            InMemoryWiring.CPM.erasure.finishDue();
        }
        assertThat(receipt).isNotEmpty();
        String base = "api/v1/subjects/" + subject;

        assertProblem(integrator.get(base + "/consents"), 410);
        assertProblem(integrator.get(base + "/history"), 410);
        assertProblem(integrator.get(base + "/preferences"), 410);
        assertProblem(integrator.put(base + "/preferences", json("{ 'topics': {'promotions': true} }")), 410);
        assertProblem(integrator.post(base + "/identifiers", json("{ 'identifiers': [{'type': 'phone', 'value': '%s'}] }"
                .formatted(Api.freshPhone()))), 410);
        assertProblem(integrator.delete(base + "/identifiers", json("{ 'identifiers': [{'type': 'phone', 'value': '%s'}] }"
                .formatted(phone))), 410);
        assertProblem(integrator.post("api/v1/subjects:merge", json("{ 'into': '%s', 'from': '%s' }".formatted(other, subject))), 410);
        assertProblem(integrator.post("api/v1/subjects:merge", json("{ 'into': '%s', 'from': '%s' }".formatted(subject, other))), 410);
        assertProblem(integrator.post("api/v1/rights-requests", json("""
                { 'subjectId': '%s', 'type': 'access', 'channel': 'api', 'verification': {'method': 'login'} }""".formatted(subject))), 410);
        assertProblem(integrator.post(base + ":erase", erasing(request(other, "deletion"))), 409);
        Api.Reply again = integrator.post(base + ":erase", erasing(deletion));
        assertThat(again.status()).as(again.body()).isEqualTo(202);
        assertThat(again.json().getString("status")).isEqualTo("erased");
        Api.Reply decision = integrator.post("api/v1/decisions", json("""
                { 'subjectId': '%s', 'purpose': 'marketing-sms', 'channel': 'sms' }""".formatted(subject)));
        assertThat(decision.status()).as(decision.body()).isEqualTo(200);
        assertThat(decision.json().getBoolean("allowed")).isFalse();
        Api.Reply permit = integrator.post("api/v1/send-permits", json("""
                { 'subjectId': '%s', 'purpose': 'marketing-sms', 'channel': 'sms' }""".formatted(subject)));
        assertThat(permit.status()).as(permit.body()).isLessThan(500);
        assertThat(permit.body()).doesNotContain("\"granted\":true");
        assertThat(integrator.post("api/v1/subjects:lookup", json("{ 'identifiers': [{'type': 'phone', 'value': '%s'}] }"
                .formatted(phone))).status()).isEqualTo(404);

        assertThat(InMemoryWiring.CPM.subjectStore.find(new org.opencpm.domain.subject.SubjectId(subject))).isEmpty();
        assertThat(InMemoryWiring.CPM.subjectKeyStore.find(new org.opencpm.domain.subject.SubjectId(subject))).isEmpty();
        assertThat(auditor.get("api/v1/audit/verify").json().getBoolean("valid")).isTrue();
    }
}
