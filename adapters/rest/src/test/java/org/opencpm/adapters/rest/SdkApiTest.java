package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.adapters.rest.Api.json;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.client.WebTarget;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencpm.adapters.rest.sdk.SdkResource;

/**
 * The consent collection SDK's browser key (ADR 0023), over real HTTP with the headers a browser
 * sends: it records a person's choice from its brand's origins and does nothing else.
 */
@HelidonTest
class SdkApiTest {

    static final String BRAND = "https://shop.brand.example";
    static final String OTHER = "https://evil.example";

    @Inject
    WebTarget target;

    @Inject
    BeanManager beans;

    private final HttpClient http = HttpClient.newHttpClient();
    private Api admin;
    private Api integrator;
    private String collector;
    private String noticeHash;

    record Answer(int status, String body, HttpResponse<String> response) {
        JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    @BeforeEach
    void catalogueAndKey() {
        admin = new Api(target, InMemoryWiring.ADMIN_KEY);
        integrator = new Api(target, InMemoryWiring.INTEGRATOR_KEY);
        Catalogue.define(admin);
        collector = newCollectorKey();
        noticeHash = admin.get("api/v1/notices/privacy-policy/versions/2026-01").json().getString("contentHash");
    }

    private String newCollectorKey() {
        Api.Reply made = admin.post("api/v1/api-keys", json("{'name': 'brand site', 'roles': ['collector'], 'origins': ['" + BRAND + "/']}"));
        assertThat(made.status()).isEqualTo(201);
        assertThat(made.json().getJsonArray("origins").getString(0)).isEqualTo(BRAND);
        return made.json().getString("key");
    }

    private Answer send(String method, String path, String body, String key, String origin, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.getUri().toString().replaceAll("/$", "") + "/" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && !List.of(headers).contains("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private String event(String phone, String purposeField, String action, String hash, String extra) {
        return json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, %s, 'action': '%s',
                  'notice': {'code': 'privacy-policy', 'version': '2026-01', 'contentHash': '%s'},
                  'channel': 'web', 'method': 'checkbox', 'evidence': {'userAgent': 'Mozilla/5.0 test', 'text': '同意营销短信'} %s }"""
                .formatted(phone, purposeField, action, hash, extra));
    }

    private int eventsOf(String phone) {
        Api.Reply found = integrator.post("api/v1/subjects:lookup", json("{'identifiers': [{'type': 'phone', 'value': '" + phone + "'}]}"));
        if (found.status() == 404) {
            return 0;
        }
        return integrator.get("api/v1/subjects/" + found.json().getString("subjectId") + "/history").json().getJsonArray("events").size();
    }

    @Test
    void a_preflight_is_answered_for_the_brands_origin_only() {
        Answer ok = send("OPTIONS", "api/v1/sdk/consents", null, null, BRAND, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization,content-type");
        assertThat(ok.status()).isEqualTo(204);
        assertThat(ok.header("Access-Control-Allow-Origin")).isEqualTo(BRAND);
        assertThat(ok.header("Access-Control-Allow-Headers")).contains("Authorization");

        Answer refused = send("OPTIONS", "api/v1/sdk/consents", null, null, OTHER, "Access-Control-Request-Method", "POST");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");

        Answer notSdk = send("OPTIONS", "api/v1/consents", null, null, BRAND, "Access-Control-Request-Method", "POST");
        assertThat(notSdk.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void the_dialog_reads_the_notice_and_its_purposes() {
        Answer notice = send("GET", "api/v1/sdk/notices/privacy-policy/versions/2026-01", null, collector, BRAND);
        assertThat(notice.status()).isEqualTo(200);
        assertThat(notice.header("Access-Control-Allow-Origin")).isEqualTo(BRAND);
        assertThat(notice.json().getString("contentHash")).isEqualTo(noticeHash);
        assertThat(notice.json().getJsonArray("purposeDetails")).hasSize(2);
        assertThat(send("GET", "api/v1/sdk/notices/privacy-policy/versions/nope", null, collector, BRAND).status()).isEqualTo(404);
        assertThat(send("GET", "api/v1/sdk/notices/" + "x".repeat(300) + "/versions/1", null, collector, BRAND).status())
                .as("a code no notice could have").isEqualTo(400);
    }

    @Test
    void a_grant_is_recorded_with_the_servers_evidence_and_answers_nothing_about_the_person() {
        String phone = Api.freshPhone();
        Answer granted = send("POST", "api/v1/sdk/consents", event(phone, "'purpose': 'marketing-sms'", "grant", noticeHash,
                ", 'idempotencyKey': 'sdk-test-" + phone + "'"), collector, BRAND);
        assertThat(granted.status()).isEqualTo(201);
        assertThat(granted.header("Access-Control-Allow-Origin")).isEqualTo(BRAND);
        JsonObject receipt = granted.json().getJsonArray("receipts").getJsonObject(0);
        assertThat(receipt.getString("state")).isEqualTo("granted");
        assertThat(granted.body()).doesNotContain("subjectId").doesNotContain(phone);

        Answer replay = send("POST", "api/v1/sdk/consents", event(phone, "'purpose': 'marketing-sms'", "grant", noticeHash,
                ", 'idempotencyKey': 'sdk-test-" + phone + "'"), collector, BRAND);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json().getJsonArray("receipts").getJsonObject(0).getString("receiptId")).isEqualTo(receipt.getString("receiptId"));
        assertThat(eventsOf(phone)).isEqualTo(1);

        String subjectId = integrator.post("api/v1/subjects:lookup", json("{'identifiers': [{'type': 'phone', 'value': '" + phone + "'}]}"))
                .json().getString("subjectId");
        JsonObject consent = integrator.get("api/v1/subjects/" + subjectId + "/consents").json().getJsonArray("consents").getJsonObject(0);
        assertThat(consent.getString("channel")).isEqualTo("web");
        JsonObject record = new Api(target, InMemoryWiring.AUDITOR_KEY).get("api/v1/subjects/" + subjectId + "/receipts/"
                + receipt.getString("receiptId")).json();
        assertThat(record.getJsonObject("notice").getString("contentHash")).isEqualTo(noticeHash);
        assertThat(record.getJsonObject("consent").getString("recordedBy")).startsWith("key:key_");
        // the address is the connection's, the user agent the page's, the words name the notice's hash
        String export = admin.get("api/v1/subjects/" + subjectId + "/export").body();
        assertThat(export).contains("\"ip\":\"127.0.0.1\"").contains("Mozilla/5.0 test").contains("sha256:" + noticeHash);
    }

    @Test
    void a_collector_key_never_links_a_second_identifier_to_a_known_person() {
        // the person is known by phone; a stranger with the page's key tries to add their own phone to that
        // record (then an SMS code to it would open the person's preference centre), or to learn whether two
        // identifiers belong to different people
        String victim = Api.freshPhone();
        assertThat(integrator.post("api/v1/consents", Catalogue.grant(victim, "'purpose': 'marketing-sms'")).status()).isEqualTo(201);
        String stranger = Api.freshPhone();
        String other = Api.freshPhone();
        assertThat(integrator.post("api/v1/consents", Catalogue.grant(other, "'purpose': 'marketing-sms'")).status()).isEqualTo(201);
        for (String second : new String[] {stranger, other}) {
            String body = event(victim, "'purpose': 'marketing-sms'", "grant", noticeHash, "")
                    .replace("}]}", "}, {\"type\": \"phone\", \"value\": \"" + second + "\"}]}");
            Answer refused = send("POST", "api/v1/sdk/consents", body, collector, BRAND);
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.body()).contains("exactly one identifier").doesNotContain(victim).doesNotContain(second);
        }
        assertThat(eventsOf(stranger)).as("the stranger's phone is linked to nobody").isZero();
        assertThat(integrator.post("api/v1/subjects:lookup", json("{'identifiers': [{'type': 'phone', 'value': '" + stranger + "'}]}"))
                .status()).isEqualTo(404);
        assertThat(eventsOf(victim)).isEqualTo(1);
    }

    @Test
    void a_separate_consent_purpose_cannot_be_bundled_by_the_sdk_either() {
        String phone = Api.freshPhone();
        Answer bundled = send("POST", "api/v1/sdk/consents", event(phone, "'purposes': ['marketing-sms', 'health-advice']", "grant",
                noticeHash, ""), collector, BRAND);
        assertThat(bundled.status()).isEqualTo(422);
        assertThat(bundled.json().getString("code")).isEqualTo("separate-consent-required");
        assertThat(send("POST", "api/v1/sdk/consents", event(phone, "'purpose': 'health-advice'", "grant", noticeHash, ""),
                collector, BRAND).status()).isEqualTo(201);
    }

    @Test
    void another_origin_or_none_records_nothing() {
        String phone = Api.freshPhone();
        for (String origin : new String[] {OTHER, null, "null", BRAND + "/path", "https://SHOP.brand.example", "http://shop.brand.example"}) {
            Answer refused = send("POST", "api/v1/sdk/consents", event(phone, "'purpose': 'marketing-sms'", "grant", noticeHash, ""),
                    collector, origin);
            assertThat(refused.status()).as("origin %s", origin).isEqualTo(403);
            assertThat(refused.json().getString("code")).isEqualTo("origin-not-allowed");
            assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
        }
        assertThat(eventsOf(phone)).isZero();
    }

    @Test
    void evidence_the_page_cannot_know_is_refused_and_nothing_is_written() {
        String phone = Api.freshPhone();
        List<String> spoofed = List.of(
                event(phone, "'purpose': 'marketing-sms'", "grant", noticeHash, ", 'occurredAt': '2020-01-01T00:00:00Z'"),
                event(phone, "'purpose': 'marketing-sms'", "grant", noticeHash, ", 'guardian': {'identifiers': [], 'relation': 'parent'}")
                        .replace("'", "\""),
                event(phone, "'purpose': 'marketing-sms'", "grant", noticeHash, "").replace("\"text\"", "\"ip\": \"203.0.113.1\", \"text\""),
                event(phone, "'purpose': 'marketing-sms'", "grant", noticeHash, "").replace("\"text\"", "\"operator\": \"clerk-7\", \"text\""),
                event(phone, "'purpose': 'marketing-sms'", "grant", noticeHash, "").replace("\"text\"",
                        "\"attachments\": [{\"kind\": \"signature\", \"mediaType\": \"image/png\", \"content\": \"iVBORw0KGgo=\"}], \"text\""),
                event(phone, "'purpose': 'marketing-sms'", "grant", noticeHash, "").replace("\"channel\": \"web\"", "\"channel\": \"store\""),
                event(phone, "'purpose': 'marketing-sms'", "grant", noticeHash, "").replace("\"method\": \"checkbox\"", "\"method\": \"import\""),
                event(phone, "'purpose': 'marketing-sms'", "confirm", noticeHash, ""),
                event(phone, "'purpose': 'marketing-sms'", "expire", noticeHash, ""),
                event(phone, "'purpose': 'marketing-sms'", "grant", noticeHash, "").replace("\"type\": \"phone\"", "\"minor\": true, \"type\": \"phone\""),
                event(phone, "'purpose': 'marketing-sms'", "grant", noticeHash, "").replace("{\"identifiers\"", "{\"birthDate\": \"2015-01-01\", \"identifiers\""),
                event(phone, "'purpose': 'marketing-sms'", "grant", noticeHash, ", 'idempotencyKey': 'connector:wechat:1'"),
                event(phone, "'purpose': 'marketing-sms'", "grant", "ABC", ""),
                "[]", "{", "null", "");
        for (String body : spoofed) {
            Answer refused = send("POST", "api/v1/sdk/consents", json(body), collector, BRAND);
            assertThat(refused.status()).as(body).isIn(400, 415);
            assertThat(refused.header("Content-Type")).as(body).startsWith("application/problem+json");
        }
        Answer huge = send("POST", "api/v1/sdk/consents", event(phone, "'purpose': 'marketing-sms'", "grant", noticeHash, "")
                .replace("同意营销短信", "x".repeat(40_000)), collector, BRAND);
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.header("Content-Type")).startsWith("application/problem+json");
        Answer notJson = send("POST", "api/v1/sdk/consents", "phone=" + phone, collector, BRAND, "Content-Type", "text/plain");
        assertThat(notJson.status()).isEqualTo(415);
        Answer otherText = send("POST", "api/v1/sdk/consents", event(phone, "'purpose': 'marketing-sms'", "grant", "0".repeat(64), ""),
                collector, BRAND);
        assertThat(otherText.status()).isEqualTo(409);
        assertThat(otherText.json().getString("code")).isEqualTo("notice-content-hash-mismatch");
        assertThat(eventsOf(phone)).isZero();
    }

    @Test
    void the_collector_key_is_refused_on_every_other_endpoint() {
        List<String> calls = new ArrayList<>();
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            Path root = type.getAnnotation(Path.class);
            if (root == null || !root.value().replaceFirst("^/", "").startsWith("api") || type == SdkResource.class) {
                continue;
            }
            for (Method m : type.getMethods()) {
                String verb = m.isAnnotationPresent(GET.class) ? "GET" : m.isAnnotationPresent(POST.class) ? "POST"
                        : m.isAnnotationPresent(PUT.class) ? "PUT" : m.isAnnotationPresent(DELETE.class) ? "DELETE" : null;
                if (verb == null) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                String path = (root.value() + (sub == null ? "" : "/" + sub.value())).replaceAll("\\{([a-zA-Z]+)[^}]*}", "x1")
                        .replaceAll("/+", "/").replaceFirst("^/", "");
                Consumes consumes = m.getAnnotation(Consumes.class);
                calls.add(verb + " " + path + " " + (consumes == null ? "application/json" : consumes.value()[0]));
            }
        }
        assertThat(calls).hasSizeGreaterThan(40).contains("POST api/v1/consents application/json",
                "GET api/v1/subjects/x1/history application/json", "POST api/v1/decisions application/json",
                "GET api/v1/audit/verify application/json", "POST api/v1/api-keys application/json");
        Set<String> answered = new HashSet<>();
        for (String call : calls) {
            String[] parts = call.split(" ", 3);
            boolean body = !(parts[0].equals("GET") || parts[0].equals("DELETE"));
            Answer answer = send(parts[0], parts[1], body ? "{}" : null, collector, BRAND, "Content-Type", parts[2]);
            if (parts[1].startsWith("api/v1/self")) {
                // the preference centre's paths take a person's self-service token, never an API key (ADR 0022):
                // with the collector key they answer as they answer anyone without one
                Answer anonymous = send(parts[0], parts[1], body ? "{}" : null, null, BRAND, "Content-Type", parts[2]);
                assertThat(answer.status()).as(call).isEqualTo(anonymous.status());
            } else {
                assertThat(answer.status()).as(call).isEqualTo(403);
            }
            assertThat(answer.header("Access-Control-Allow-Origin")).as(call).isNull();
            answered.add(call);
        }
        assertThat(answered).hasSameSizeAs(calls);
    }

    @Test
    void a_collector_key_cannot_start_a_console_session() {
        Answer refused = send("POST", "api/v1/sessions", "", collector, BRAND);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Set-Cookie")).isNull();
    }

    @Test
    void one_address_calling_too_often_is_told_to_wait() {
        String key = newCollectorKey();
        int answered = 0;
        Answer last = null;
        for (int i = 0; i < 40; i++) {
            last = send("GET", "api/v1/sdk/notices/privacy-policy/versions/2026-01", null, key, BRAND);
            if (last.status() == 429) {
                break;
            }
            answered++;
        }
        assertThat(answered).isEqualTo(30);
        assertThat(last.status()).isEqualTo(429);
        assertThat(Long.parseLong(last.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(last.header("Access-Control-Allow-Origin")).isEqualTo(BRAND);
        // another address is not slowed (X-Forwarded-For is believed from loopback in these tests)
        assertThat(send("GET", "api/v1/sdk/notices/privacy-policy/versions/2026-01", null, key, BRAND,
                "X-Forwarded-For", "198.51.100.7").status()).isEqualTo(200);
    }

    @Test
    void a_collector_key_is_made_for_origins_and_nothing_else() {
        record Case(String body, String field) {
        }
        for (Case c : List.of(
                new Case("{'name': 'x', 'roles': ['collector']}", "origins"),
                new Case("{'name': 'x', 'roles': ['collector', 'integrator'], 'origins': ['https://a.example']}", "roles"),
                new Case("{'name': 'x', 'roles': ['integrator'], 'origins': ['https://a.example']}", "origins"),
                new Case("{'name': 'x', 'roles': ['collector'], 'origins': ['https://a.example/path']}", "origins[0]"),
                new Case("{'name': 'x', 'roles': ['collector'], 'origins': ['*']}", "origins[0]"),
                new Case("{'name': 'x', 'roles': ['collector'], 'origins': ['ftp://a.example']}", "origins[0]"),
                new Case("{'name': 'x', 'roles': ['collector'], 'origins': ['https://user@a.example']}", "origins[0]"))) {
            Api.Reply refused = admin.post("api/v1/api-keys", json(c.body()));
            assertThat(refused.status()).as(c.body()).isEqualTo(400);
            assertThat(refused.json().getJsonArray("errors").getJsonObject(0).getString("field")).as(c.body()).isEqualTo(c.field());
        }
        Api.Reply listed = admin.get("api/v1/api-keys");
        assertThat(listed.body()).contains(BRAND);
        assertThat(new Api(target, collector).get("api/v1/purposes").status()).isEqualTo(403);
        assertThat(UUID.randomUUID()).isNotNull();
    }
}
