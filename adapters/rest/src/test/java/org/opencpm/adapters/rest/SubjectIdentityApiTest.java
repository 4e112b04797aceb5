package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.adapters.rest.Api.json;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.out.ConsentChange;

/**
 * Correction and identity over HTTP (PIPL Art. 46): identifiers added and removed, two subjects
 * merged; every refusal a problem that writes nothing.
 */
@HelidonTest
class SubjectIdentityApiTest {

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

    /** A new subject whose phone's consent is {@code action}, recorded a second after anything before it. */
    private String subjectOf(String phone, String action) {
        InMemoryWiring.CPM.clock.advance(Duration.ofSeconds(1));
        Api.Reply r = integrator.post("api/v1/consents", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms', 'action': '%s',
                  'notice': {'code': 'privacy-policy', 'version': '2026-01'}, 'channel': 'store', 'method': 'signature' }"""
                .formatted(phone, action)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().getString("subjectId");
    }

    private static String identifiers(String type, String value) {
        return json("{ 'identifiers': [{'type': '%s', 'value': '%s'}] }".formatted(type, value));
    }

    private static String email() {
        return "p" + Api.freshPhone() + "@example.cn";
    }

    private Api.Reply lookup(String type, String value) {
        return integrator.post("api/v1/subjects:lookup", identifiers(type, value));
    }

    private String decision(String type, String value) {
        JsonObject d = integrator.post("api/v1/decisions", json("""
                { 'subject': {'identifiers': [{'type': '%s', 'value': '%s'}]}, 'purpose': 'marketing-sms', 'channel': 'sms' }"""
                .formatted(type, value))).json();
        return d.getBoolean("allowed") + "/" + d.getString("reason");
    }

    private int auditEvents() {
        return InMemoryWiring.CPM.auditTrail.all().size();
    }

    @Test
    @DisplayName("an identifier sent where a subject id belongs (a phone, an email) is refused without being repeated in the answer")
    void a_mistaken_identifier_in_the_path_is_not_repeated() {
        String phone = Api.freshPhone();
        Api.Reply unknown = auditor.get("api/v1/subjects/" + phone + "/consents");
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
        assertThat(unknown.body()).doesNotContain(phone);
        String mail = email();
        Api.Reply malformed = auditor.get("api/v1/subjects/" + mail + "/consents");
        assertThat(malformed.status()).as(malformed.body()).isEqualTo(400);
        assertThat(malformed.body()).doesNotContain(mail).doesNotContain(mail.substring(0, mail.indexOf('@')));
        Api.Reply inBody = integrator.post("api/v1/subjects:merge", json("{ 'into': '%s', 'from': 'sub_x' }".formatted(mail)));
        assertThat(inBody.status()).as(inBody.body()).isEqualTo(400);
        assertThat(inBody.body()).doesNotContain(mail);
    }

    @Test
    @DisplayName("PIPL Art. 46: an identifier added finds the subject; added again changes nothing; another's is 409")
    void identifiers_are_added() {
        String subject = subjectOf(Api.freshPhone(), "grant");
        String mail = email();

        Api.Reply added = integrator.post("api/v1/subjects/" + subject + "/identifiers", identifiers("email", mail.toUpperCase()));

        assertThat(added.status()).as(added.body()).isEqualTo(200);
        assertThat(added.json().getInt("added")).isEqualTo(1);
        assertThat(added.body()).doesNotContain(mail);
        assertThat(lookup("email", mail).json().getString("subjectId")).isEqualTo(subject);
        assertThat(decision("email", mail)).isEqualTo("true/granted");
        List<ConsentChange> changes = InMemoryWiring.CPM.outbox.changes();
        ConsentChange told = changes.get(changes.size() - 1);
        assertThat(told.subject().value()).isEqualTo(subject);
        assertThat(told.kind()).isEqualTo(ConsentChange.Kind.PREFERENCES);
        assertThat(told.version()).isEqualTo(added.json().getInt("version"));

        int events = auditEvents();
        Api.Reply again = integrator.post("api/v1/subjects/" + subject + "/identifiers", identifiers("email", mail));
        assertThat(again.json().getInt("added")).isZero();
        assertThat(auditEvents()).isEqualTo(events);

        String other = subjectOf(Api.freshPhone(), "grant");
        events = auditEvents();
        Api.Reply taken = integrator.post("api/v1/subjects/" + other + "/identifiers", identifiers("email", mail));
        assertThat(taken.status()).as(taken.body()).isEqualTo(409);
        assertThat(taken.json().getString("code")).isEqualTo("identifier-linked-elsewhere");
        assertThat(taken.body()).doesNotContain(mail).doesNotContain(subject);
        assertThat(lookup("email", mail).json().getString("subjectId")).isEqualTo(subject);
        assertThat(auditEvents()).isEqualTo(events);
    }

    @Test
    @DisplayName("PIPL Art. 46: an identifier removed no longer finds the subject; the last one cannot be removed")
    void identifiers_are_removed() {
        String phone = Api.freshPhone();
        String subject = subjectOf(phone, "grant");
        String mail = email();
        integrator.post("api/v1/subjects/" + subject + "/identifiers", identifiers("email", mail));

        Api.Reply removed = integrator.delete("api/v1/subjects/" + subject + "/identifiers", identifiers("email", mail));

        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(removed.json().getInt("removed")).isEqualTo(1);
        assertThat(lookup("email", mail).status()).isEqualTo(404);
        assertThat(decision("email", mail)).isEqualTo("false/unknown_subject");
        assertThat(decision("phone", phone)).isEqualTo("true/granted");
        assertThat(integrator.delete("api/v1/subjects/" + subject + "/identifiers", identifiers("email", mail)).json().getInt("removed"))
                .as("a removal repeated, or of an identifier not the subject's, changes nothing").isZero();

        int events = auditEvents();
        Api.Reply last = integrator.delete("api/v1/subjects/" + subject + "/identifiers", identifiers("phone", phone));
        assertThat(last.status()).as(last.body()).isEqualTo(422);
        assertThat(last.json().getString("code")).isEqualTo("last-identifier");
        assertThat(lookup("phone", phone).json().getString("subjectId")).isEqualTo(subject);
        assertThat(auditEvents()).isEqualTo(events);
    }

    @Test
    @DisplayName("PIPL Art. 46: a merge joins histories, the latest choice decides, the absorbed subject answers 410")
    void two_subjects_are_merged() {
        String phoneA = Api.freshPhone();
        String phoneB = Api.freshPhone();
        String into = subjectOf(phoneA, "grant");
        String from = subjectOf(phoneB, "withdraw");
        int intoEvents = integrator.get("api/v1/subjects/" + into + "/history").json().getJsonArray("events").size();
        int fromEvents = integrator.get("api/v1/subjects/" + from + "/history").json().getJsonArray("events").size();

        Api.Reply merged = integrator.post("api/v1/subjects:merge", json("{ 'into': '%s', 'from': '%s' }".formatted(into, from)));

        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        assertThat(merged.json().getString("subjectId")).isEqualTo(into);
        assertThat(merged.json().getJsonArray("purposesCarried").getString(0)).isEqualTo("marketing-sms");
        assertThat(merged.json().getInt("identifiersMoved")).isEqualTo(1);
        assertThat(decision("phone", phoneA)).as("the newer withdrawal is in force").isEqualTo("false/withdrawn");
        assertThat(lookup("phone", phoneB).json().getString("subjectId")).isEqualTo(into);
        List<String> types = integrator.get("api/v1/subjects/" + into + "/history").json().getJsonArray("events").stream()
                .map(e -> e.asJsonObject().getString("action", "-")).toList();
        assertThat(types).as("both histories, the merge, the consent it carried, the tombstone").hasSize(intoEvents + fromEvents + 3);

        Api.Reply gone = integrator.get("api/v1/subjects/" + from + "/history");
        assertThat(gone.status()).as(gone.body()).isEqualTo(410);
        assertThat(gone.json().getString("code")).isEqualTo("subject-merged");
        assertThat(gone.json().getString("mergedInto")).isEqualTo(into);
        assertThat(integrator.get("api/v1/subjects/" + from + "/consents").status()).isEqualTo(410);
        assertThat(integrator.get("api/v1/subjects/" + from + "/preferences").status()).isEqualTo(410);
        assertThat(integrator.post("api/v1/subjects/" + from + "/identifiers", identifiers("email", email())).status()).isEqualTo(410);
        JsonObject byId = integrator.post("api/v1/decisions", json("{ 'subjectId': '%s', 'purpose': 'marketing-sms', 'channel': 'sms' }"
                .formatted(from))).json();
        assertThat(byId.getBoolean("allowed")).isFalse();
        assertThat(auditor.get("api/v1/audit/verify").json().getBoolean("valid")).isTrue();

        int events = auditEvents();
        Api.Reply twice = integrator.post("api/v1/subjects:merge", json("{ 'into': '%s', 'from': '%s' }".formatted(into, from)));
        assertThat(twice.status()).as(twice.body()).isEqualTo(409);
        assertThat(twice.json().getString("code")).isEqualTo("subjects-not-mergeable");
        Api.Reply backwards = integrator.post("api/v1/subjects:merge", json("{ 'into': '%s', 'from': '%s' }".formatted(from, into)));
        assertThat(backwards.status()).isEqualTo(409);
        assertThat(auditEvents()).isEqualTo(events);
    }

    @Test
    @DisplayName("Hostile input: malformed ids, the same id twice, unknown subjects, wrong roles — 4xx problems, nothing written")
    void hostile_input_is_refused() {
        String subject = subjectOf(Api.freshPhone(), "grant");
        int events = auditEvents();
        String path = "api/v1/subjects/" + subject + "/identifiers";

        assertThat(integrator.post("api/v1/subjects/not%20an%20id/identifiers", identifiers("email", email())).status()).isEqualTo(400);
        assertThat(integrator.post("api/v1/subjects/sub_nobody/identifiers", identifiers("email", email())).status()).isEqualTo(404);
        assertThat(integrator.delete("api/v1/subjects/sub_nobody/identifiers", identifiers("email", email())).status()).isEqualTo(404);
        assertThat(integrator.post(path, "{").status()).isEqualTo(400);
        assertThat(integrator.post(path, "[]").status()).isEqualTo(400);
        assertThat(integrator.post(path, json("{ 'identifiers': [] }")).status()).isEqualTo(400);
        assertThat(integrator.delete(path, json("{ 'identifiers': [] }")).status()).isEqualTo(400);
        assertThat(integrator.post(path, json("{ 'identifiers': [{'type': 'phone', 'value': 'nope'}] }")).status()).isEqualTo(400);
        assertThat(integrator.post(path, json("{ 'identifiers': [{'type': 'fax', 'value': '1'}] }")).status()).isEqualTo(400);
        assertThat(integrator.post(path, json("{ 'identifiers': [], 'extra': 1 }")).status()).isEqualTo(400);
        assertThat(integrator.post(path, json("{ 'identifiers': 'phone:1' }")).status()).isEqualTo(400);
        assertThat(auditor.post(path, identifiers("email", email())).status()).isEqualTo(403);
        assertThat(auditor.delete(path, identifiers("email", email())).status()).isEqualTo(403);
        assertThat(new Api(target, null).post(path, identifiers("email", email())).status()).isEqualTo(401);

        String merge = "api/v1/subjects:merge";
        assertThat(integrator.post(merge, json("{ 'into': '%s', 'from': '%s' }".formatted(subject, subject))).status()).isEqualTo(409);
        assertThat(integrator.post(merge, json("{ 'into': '%s', 'from': 'sub_nobody' }".formatted(subject))).status()).isEqualTo(404);
        assertThat(integrator.post(merge, json("{ 'into': 'sub_nobody', 'from': '%s' }".formatted(subject))).status()).isEqualTo(404);
        assertThat(integrator.post(merge, json("{ 'into': '%s' }".formatted(subject))).status()).isEqualTo(400);
        assertThat(integrator.post(merge, json("{ 'into': '%s', 'from': 'a b' }".formatted(subject))).status()).isEqualTo(400);
        assertThat(integrator.post(merge, json("{ 'into': '%s', 'from': 7 }".formatted(subject))).status()).isEqualTo(400);
        assertThat(integrator.post(merge, json("{ 'into': '%s', 'from': '%s', 'also': 'x' }".formatted(subject, subject))).status())
                .isEqualTo(400);
        assertThat(auditor.post(merge, json("{ 'into': '%s', 'from': 'sub_x' }".formatted(subject))).status()).isEqualTo(403);

        assertThat(auditEvents()).isEqualTo(events);
    }
}
