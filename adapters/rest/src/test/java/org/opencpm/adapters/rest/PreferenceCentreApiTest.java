package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.adapters.rest.Api.json;
import static org.opencpm.adapters.rest.Problems.assertProblem;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.adapters.vault.SelfTokenKey;
import org.opencpm.application.selfservice.SelfTokens;
import org.opencpm.domain.rights.VerificationMethod;
import org.opencpm.domain.subject.SubjectId;

/**
 * The preference centre over HTTP (PIPL Art. 15, 44–47): a brand issues a signed link for one
 * person; the token in its fragment opens {@code /api/v1/self} for that person alone, through the
 * same rules, audit chain and outbox as the API. Hostile tokens, replays and bodies are 4xx problems
 * that write nothing.
 */
@HelidonTest
class PreferenceCentreApiTest {

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
        assertThat(admin.put("api/v1/purposes/account-security", json("""
                { 'name': {'zh': '账户安全提醒', 'en': 'Account security alerts'}, 'category': 'service', 'legalBasis': 'consent',
                  'necessary': true, 'dataElements': ['phone'] }""")).status()).isIn(200, 201);
        assertThat(admin.post("api/v1/notices", json("""
                { 'code': 'security-notice', 'version': '1', 'language': 'zh-CN', 'title': '账户安全告知',
                  'content': '我们会就账户安全联系您。', 'purposes': ['account-security'] }""")).status()).isIn(200, 201);
    }

    /** A person who granted marketing SMS; their subject id. */
    private String person(String phone) {
        Api.Reply grant = integrator.post("api/v1/consents", Catalogue.grant(phone, "'purpose': 'marketing-sms'"));
        assertThat(grant.status()).as(grant.body()).isEqualTo(201);
        return grant.json().getString("subjectId");
    }

    private String link(String subjectId) {
        Api.Reply reply = integrator.post("api/v1/subjects/" + subjectId + "/preference-links", "{\"ttlMinutes\": 60}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        String url = reply.json().getString("url");
        assertThat(url).as("on the configured public address, whatever Host the request named")
                .startsWith("http://privacy.example.test/preference-center/#t=" + SelfTokens.LINK_PREFIX);
        return url.substring(url.indexOf("#t=") + 3);
    }

    private String decide(String phone, String purpose) {
        Api.Reply reply = integrator.post("api/v1/decisions", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': '%s' }""".formatted(phone, purpose)));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().getBoolean("allowed") + "/" + reply.json().getString("reason");
    }

    private static JsonObject purpose(JsonObject overview, String code) {
        return overview.getJsonArray("purposes").getValuesAs(JsonObject.class).stream()
                .filter(p -> p.getString("code").equals(code)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("A link is issued for one known person, expiring when asked; its token is in the fragment, never in the path or query")
    void a_link_is_issued() {
        String subject = person(Api.freshPhone());
        Instant now = InMemoryWiring.CPM.clock.now();
        Api.Reply reply = admin.post("api/v1/subjects/" + subject + "/preference-links", "{\"ttlMinutes\": 30}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        String url = reply.json().getString("url");
        assertThat(url).startsWith("http://").contains("/preference-center/#t=pcl1.");
        assertThat(url.substring(0, url.indexOf('#'))).doesNotContain(subject).doesNotContain("?");
        assertThat(Instant.parse(reply.json().getString("expiresAt"))).isEqualTo(now.plus(Duration.ofMinutes(30)));
        assertThat(reply.json().getString("linkId")).startsWith("lnk_");
        // without a body: an hour
        Api.Reply byDefault = integrator.post("api/v1/subjects/" + subject + "/preference-links", "{}");
        assertThat(Instant.parse(byDefault.json().getString("expiresAt"))).isEqualTo(now.plus(Duration.ofMinutes(60)));
    }

    @Test
    @DisplayName("Issuing: an auditor, an unknown person, odd lifetimes and unknown fields are 4xx problems; nothing is written")
    void hostile_link_requests() {
        String subject = person(Api.freshPhone());
        Footprint before = Footprint.now();
        String path = "api/v1/subjects/" + subject + "/preference-links";
        assertProblem(auditor.post(path, "{}"), 403, "forbidden");
        assertProblem(admin.as(null).post(path, "{}"), 401, "unauthorized");
        assertProblem(integrator.post("api/v1/subjects/" + SubjectId.newId().value() + "/preference-links", "{}"), 404, "subject-not-found");
        // a phone where the subject id belongs is no subject id: not found, and not repeated back
        Api.Reply phoneInPath = integrator.post("api/v1/subjects/13800138000/preference-links", "{}");
        assertProblem(phoneInPath, 404, "subject-not-found");
        assertThat(phoneInPath.body()).doesNotContain("13800138000");
        for (String body : List.of("{\"ttlMinutes\": 0}", "{\"ttlMinutes\": 4}", "{\"ttlMinutes\": 10081}", "{\"ttlMinutes\": -5}",
                "{\"ttlMinutes\": 1e99}", "{\"ttlMinutes\": \"60\"}", "{\"ttlMinutes\": 60, \"subjectId\": \"x\"}", "[]", "null", "{",
                "{\"ttlMinutes\": 60.5}")) {
            Api.Reply r = integrator.post(path, body);
            assertThat(r.status()).as(body + " → " + r.body()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        assertThat(Footprint.now()).isEqualTo(before);
    }

    @Test
    @DisplayName("PIPL Art. 15, 17: the page sees each purpose with the notice covering it and the person's state, and never an identifier")
    void the_overview_shows_purposes_notices_and_no_identifier() {
        String phone = Api.freshPhone();
        String subject = person(phone);
        Api self = admin.as(link(subject));
        Api.Reply reply = self.get("api/v1/self");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonObject marketing = purpose(reply.json(), "marketing-sms");
        assertThat(marketing.getString("state")).isEqualTo("granted");
        assertThat(marketing.getBoolean("withdrawable")).isTrue();
        assertThat(marketing.getJsonObject("notice").getString("title")).isEqualTo("隐私政策");
        assertThat(marketing.getJsonObject("notice").getString("content")).contains("个人信息");
        assertThat(marketing.getJsonObject("name").getString("en")).isEqualTo("Marketing SMS");
        // the page's shape: what the person is shown, nothing of the catalogue's working (data elements, hashes, recipients)
        assertThat(marketing.keySet()).containsExactlyInAnyOrder("code", "name", "category", "legalBasis", "consentBased", "necessary",
                "sensitive", "separateConsent", "crossBorder", "withdrawable", "grantable", "description", "state", "grantedAt",
                "expiresAt", "notice");
        assertThat(marketing.getJsonObject("notice").keySet()).containsExactlyInAnyOrder("code", "version", "language", "title",
                "publishedAt", "content");
        JsonObject delivery = purpose(reply.json(), "order-delivery");
        assertThat(delivery.getBoolean("consentBased")).isFalse();
        assertThat(delivery.getBoolean("withdrawable")).isFalse();
        assertThat(delivery.getBoolean("grantable")).isFalse();
        JsonObject security = purpose(reply.json(), "account-security");
        assertThat(security.containsKey("state")).isFalse();
        assertThat(security.getBoolean("grantable")).isTrue();
        assertThat(reply.body()).doesNotContain(phone).doesNotContain(phone.substring(3)).doesNotContain(subject);
    }

    @Test
    @DisplayName("PIPL Art. 15: a withdrawal in the preference centre takes effect at once (the decision flips) and is audited with its evidence; a replay writes nothing")
    void withdraw_flips_the_decision() {
        String phone = Api.freshPhone();
        String subject = person(phone);
        assertThat(decide(phone, "marketing-sms")).isEqualTo("true/granted");
        String token = link(subject);
        Api self = admin.as(token);
        int outbox = InMemoryWiring.CPM.outbox.changes().size();

        Api.Reply withdrawn = self.post("api/v1/self/consents", "{\"purpose\": \"marketing-sms\", \"action\": \"withdraw\"}");
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        assertThat(withdrawn.json().getJsonArray("changed").getJsonObject(0).getString("state")).isEqualTo("withdrawn");
        assertThat(decide(phone, "marketing-sms")).isEqualTo("false/withdrawn");
        assertThat(InMemoryWiring.CPM.outbox.changes().size()).as("connectors are told").isGreaterThan(outbox);

        JsonObject last = lastEvent(subject);
        assertThat(last.getString("channel")).isEqualTo("preference_centre");
        assertThat(last.getString("action")).isEqualTo("withdraw");
        var audited = InMemoryWiring.CPM.auditTrail.all().getLast();
        assertThat(audited.actor()).startsWith("self:lnk_");

        Footprint before = Footprint.now();
        Api.Reply again = self.post("api/v1/self/consents", "{\"purpose\": \"marketing-sms\", \"action\": \"withdraw\"}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().getJsonArray("changed")).isEmpty();
        // "is it withdrawn already?" is asked inside the recorder's transaction (two taps at once record
        // the change once), so a replay runs one transaction that writes nothing
        assertThat(Footprint.now()).usingRecursiveComparison().ignoringFields("commits").isEqualTo(before);

        Api.Reply granted = self.post("api/v1/self/consents", "{\"purpose\": \"marketing-sms\", \"action\": \"grant\"}");
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        assertThat(decide(phone, "marketing-sms")).isEqualTo("true/granted");
    }

    private JsonObject lastEvent(String subject) {
        Api.Reply history = integrator.get("api/v1/subjects/" + subject + "/history");
        assertThat(history.status()).isEqualTo(200);
        var events = history.json().getJsonArray("events");
        return events.getJsonObject(events.size() - 1);
    }

    @Test
    @DisplayName("Withdraw all optional withdraws every optional consent, never a necessary one; a purpose not resting on consent cannot be withdrawn")
    void withdraw_all_optional_keeps_the_necessary() {
        String phone = Api.freshPhone();
        String subject = person(phone);
        assertThat(integrator.post("api/v1/consents", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'account-security', 'action': 'grant',
                  'notice': {'code': 'security-notice', 'version': '1'}, 'channel': 'app', 'method': 'checkbox' }""".formatted(phone)))
                .status()).isEqualTo(201);
        assertThat(integrator.post("api/v1/consents", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'health-advice', 'action': 'grant',
                  'notice': {'code': 'privacy-policy', 'version': '2026-01'}, 'channel': 'app', 'method': 'checkbox' }""".formatted(phone)))
                .status()).isEqualTo(201);
        Api self = admin.as(link(subject));

        Footprint before = Footprint.now();
        assertProblem(self.post("api/v1/self/consents", "{\"purpose\": \"order-delivery\", \"action\": \"withdraw\"}"), 422, "not-consent-based");
        assertThat(Footprint.now()).isEqualTo(before);

        Api.Reply all = self.post("api/v1/self/consents:withdraw-optional", "");
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        assertThat(all.json().getJsonArray("changed").getValuesAs(JsonObject.class)).extracting(c -> c.getString("purpose"))
                .containsExactlyInAnyOrder("health-advice", "marketing-sms");
        assertThat(decide(phone, "marketing-sms")).isEqualTo("false/withdrawn");
        assertThat(decide(phone, "health-advice")).isEqualTo("false/withdrawn");
        assertThat(decide(phone, "account-security")).isEqualTo("true/granted");
    }

    @Test
    @DisplayName("Preferences set in the preference centre are the person's preferences for the API; a strict body is refused whole")
    void preferences_are_updated() {
        String subject = person(Api.freshPhone());
        Api self = admin.as(link(subject));
        Footprint before = Footprint.now();
        for (String body : List.of("{\"topics\": {}, \"colour\": \"red\"}", "{\"channels\": {\"sms\": {\"enabled\": \"yes\"}}}",
                "{\"quietHours\": {\"start\": \"25:00\", \"end\": \"08:00\", \"zone\": \"Asia/Shanghai\"}}", "[1]", "\"x\"")) {
            Api.Reply r = self.put("api/v1/self/preferences", body);
            assertThat(r.status()).as(body + " → " + r.body()).isEqualTo(400);
        }
        assertThat(Footprint.now()).isEqualTo(before);
        Api.Reply put = self.put("api/v1/self/preferences", json("""
                { 'topics': {'promotions': false, 'new-products': true},
                  'channels': {'sms': {'enabled': true, 'maxPerMonth': 2}, 'email': {'enabled': false}},
                  'quietHours': {'start': '21:00', 'end': '08:00', 'zone': 'Asia/Shanghai'} }"""));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        JsonObject stored = integrator.get("api/v1/subjects/" + subject + "/preferences").json();
        assertThat(stored.getJsonObject("topics").getBoolean("promotions")).isFalse();
        assertThat(stored.getJsonObject("channels").getJsonObject("sms").getInt("maxPerMonth")).isEqualTo(2);
        assertThat(self.get("api/v1/self").json().getJsonObject("preferences").getJsonObject("quietHours").getString("start"))
                .isEqualTo("21:00");
    }

    @Test
    @DisplayName("PIPL Art. 45, 47: a copy or the deletion is asked for as a rights request (channel preference_center, verified by link), once")
    void rights_requests_are_recorded_once() {
        String subject = person(Api.freshPhone());
        Api self = admin.as(link(subject));
        Api.Reply deletion = self.post("api/v1/self/rights-requests", "{\"type\": \"deletion\"}");
        assertThat(deletion.status()).as(deletion.body()).isEqualTo(201);
        String id = deletion.json().getString("requestId");
        assertThat(deletion.json().getString("status")).isEqualTo("received");
        assertThat(deletion.json().containsKey("subjectId")).isFalse();

        JsonObject listed = admin.get("api/v1/rights-requests/" + id).json();
        assertThat(listed.getString("subjectId")).isEqualTo(subject);
        assertThat(listed.getString("channel")).isEqualTo("preference_centre");
        assertThat(listed.getJsonObject("verification").getString("method")).isEqualTo("link");
        assertThat(self.get("api/v1/self").json().getJsonArray("rightsRequests").getJsonObject(0).getString("dueAt"))
                .isEqualTo(listed.getString("dueAt"));

        int audit = InMemoryWiring.CPM.auditTrail.all().size();
        assertProblem(self.post("api/v1/self/rights-requests", "{\"type\": \"deletion\"}"), 409, "rights-request-open");
        for (String body : List.of("{\"type\": \"correction\"}", "{\"type\": \"withdraw_all\"}", "{\"type\": \"nonsense\"}", "{}",
                "{\"type\": \"access\", \"subjectId\": \"" + subject + "\"}", "{\"type\": \"access\", \"note\": \"x\"}")) {
            Api.Reply r = self.post("api/v1/self/rights-requests", body);
            assertThat(r.status()).as(body + " → " + r.body()).isEqualTo(400);
        }
        assertThat(InMemoryWiring.CPM.auditTrail.all()).hasSize(audit);
        assertThat(self.post("api/v1/self/rights-requests", "{\"type\": \"access\"}").status()).isEqualTo(201);
    }

    @Test
    @DisplayName("Tampered, foreign-key, expired and truncated tokens are refused with a problem that tells the page which; nothing is written")
    void hostile_tokens_are_refused() {
        String subject = person(Api.freshPhone());
        String token = link(subject);
        int dot = token.lastIndexOf('.');
        String payload = token.substring(5, dot);
        char flipped = payload.charAt(3) == 'A' ? 'B' : 'A';
        String tampered = token.substring(0, 8) + flipped + token.substring(9);
        String otherKey = new SelfTokens(SelfTokenKey.random()).issue(VerificationMethod.LINK, SubjectId.of(subject),
                InMemoryWiring.CPM.clock.now().plusSeconds(3600)).token();
        String expired = InMemoryWiring.CPM.selfTokens.issue(VerificationMethod.LINK, SubjectId.of(subject),
                InMemoryWiring.CPM.clock.now().minusSeconds(1)).token();
        // the signature of the link, put on the payload of a code session: the prefix is signed too
        String kindSwapped = SelfTokens.CODE_PREFIX + token.substring(SelfTokens.LINK_PREFIX.length());

        Footprint before = Footprint.now();
        String withdraw = "{\"purpose\": \"marketing-sms\", \"action\": \"withdraw\"}";
        for (String bad : List.of(tampered, otherKey, kindSwapped, token.substring(0, token.length() - 2), token + "A",
                "pcl1.", "pcl1." + payload, "pcl1.a.b", "pcl1." + "A".repeat(5000) + ".x")) {
            assertProblem(admin.as(bad).get("api/v1/self"), 401, "link-invalid");
            assertProblem(admin.as(bad).post("api/v1/self/consents", withdraw), 401, "link-invalid");
        }
        assertProblem(admin.as(token.replace('.', '|')).get("api/v1/self"), 401, "self-token-required");
        assertProblem(admin.as(expired).get("api/v1/self"), 401, "link-expired");
        assertProblem(admin.as(expired).post("api/v1/self/consents", withdraw), 401, "link-expired");
        assertThat(Footprint.now()).isEqualTo(before);
        assertThat(admin.as(token).get("api/v1/self").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("API keys are refused on the self paths; a link's token is refused on every other /api path")
    void keys_and_tokens_stay_in_their_lanes() {
        String subject = person(Api.freshPhone());
        String token = link(subject);
        Footprint before = Footprint.now();
        for (Api key : List.of(admin, integrator, auditor, admin.as(null))) {
            assertProblem(key.get("api/v1/self"), 401, "self-token-required");
            assertProblem(key.post("api/v1/self/consents", "{\"purpose\": \"marketing-sms\", \"action\": \"withdraw\"}"), 401,
                    "self-token-required");
            assertProblem(key.post("api/v1/self/rights-requests", "{\"type\": \"deletion\"}"), 401, "self-token-required");
        }
        Api self = admin.as(token);
        for (String path : List.of("api/v1/purposes", "api/v1/subjects/" + subject + "/consents", "api/v1/rights-requests",
                "api/v1/subjects/" + subject + "/preferences", "api/v1/api-keys", "api/v1/self-service", "api/v1/selfish")) {
            assertProblem(self.get(path), 401, "unauthorized");
        }
        assertProblem(self.post("api/v1/subjects/" + subject + "/preference-links", "{}"), 401, "unauthorized");
        assertProblem(self.post("api/v1/consents", Catalogue.grant(Api.freshPhone(), "'purpose': 'marketing-sms'")), 401, "unauthorized");
        // a path that leaves /self by its segments is no self path
        Api.Reply sneaky = self.get("api/v1/self/%2e%2e/purposes");
        assertThat(sneaky.status()).as(sneaky.body()).isBetween(400, 499);
        assertThat(Footprint.now()).isEqualTo(before);
    }

    @Test
    @DisplayName("A link for person A reads and changes A alone: B's state is untouched whatever A's page sends")
    void a_link_never_reaches_another_person() {
        String phoneA = Api.freshPhone();
        String phoneB = Api.freshPhone();
        String a = person(phoneA);
        String b = person(phoneB);
        Api selfA = admin.as(link(a));
        Api.Reply sneaky = selfA.post("api/v1/self/consents",
                "{\"purpose\": \"marketing-sms\", \"action\": \"withdraw\", \"subjectId\": \"" + b + "\"}");
        assertThat(sneaky.status()).isEqualTo(400);
        assertThat(selfA.post("api/v1/self/consents", "{\"purpose\": \"marketing-sms\", \"action\": \"withdraw\"}").status()).isEqualTo(200);
        assertThat(decide(phoneA, "marketing-sms")).isEqualTo("false/withdrawn");
        assertThat(decide(phoneB, "marketing-sms")).isEqualTo("true/granted");
        assertThat(selfA.get("api/v1/self").body()).doesNotContain(b).doesNotContain(phoneB);
    }

    @Test
    @DisplayName("PIPL Art. 47: once the person is erased their link opens nothing (410), and no new link is issued for them")
    void an_erased_persons_link_is_gone() {
        String subject = person(Api.freshPhone());
        Api self = admin.as(link(subject));
        String requestId = self.post("api/v1/self/rights-requests", "{\"type\": \"deletion\"}").json().getString("requestId");
        Api.Reply erase = admin.post("api/v1/subjects/" + subject + ":erase", json("{ 'requestId': '%s' }".formatted(requestId)));
        assertThat(erase.status()).as(erase.body()).isEqualTo(202);
        assertProblem(self.get("api/v1/self"), 410, "link-gone");
        assertProblem(self.post("api/v1/self/consents", "{\"purpose\": \"marketing-sms\", \"action\": \"grant\"}"), 410, "link-gone");
        Api.Reply again = integrator.post("api/v1/subjects/" + subject + "/preference-links", "{}");
        assertThat(again.status()).as(again.body()).isEqualTo(410);
    }

    @Test
    @DisplayName("Hostile self bodies (unknown fields, wrong types, unknown purposes, odd actions) are 4xx problems that write nothing")
    void hostile_self_bodies() {
        String subject = person(Api.freshPhone());
        Api self = admin.as(link(subject));
        Footprint before = Footprint.now();
        for (String body : List.of("{}", "{\"purpose\": \"marketing-sms\"}", "{\"purpose\": \"marketing-sms\", \"action\": \"delete\"}",
                "{\"purpose\": 5, \"action\": \"withdraw\"}", "{\"purpose\": \"../x\", \"action\": \"withdraw\"}",
                "{\"purpose\": \"marketing-sms\", \"action\": \"withdraw\", \"evidence\": {}}", "[]", "null", "{", "\u0000",
                "{\"purpose\": \"" + "a".repeat(10_000) + "\", \"action\": \"withdraw\"}")) {
            Api.Reply r = self.post("api/v1/self/consents", body);
            assertThat(r.status()).as(body + " → " + r.body()).isBetween(400, 499);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        Api.Reply unknown = self.post("api/v1/self/consents", "{\"purpose\": \"no-such-purpose\", \"action\": \"grant\"}");
        assertThat(unknown.status()).as(unknown.body()).isBetween(400, 499);
        assertThat(self.post("api/v1/self/consents:withdraw-optional", "{\"all\": true}").status()).isEqualTo(400);
        assertThat(self.get("api/v1/self/nothing-here").status()).isEqualTo(404);
        assertThat(Footprint.now()).isEqualTo(before);
    }
}
