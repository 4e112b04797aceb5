package org.opencpm.distribution.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The API calls the consent faces' browser tests make around the pages: the purposes and notice
 * the pages show (marketing SMS and analytics bundled, health advice needing separate consent), keys,
 * and what was recorded. Plain HTTP, as an integrator's or auditor's system would read it.
 */
final class ConsentFaces {

    static final String NOTICE_CODE = "privacy-policy";
    static final String NOTICE_VERSION = "2026-01";
    static final String NOTICE_TEXT = "我们如何收集和使用您的个人信息：为向您发送新品和促销短信、改进服务及提供健康建议。\n您可以随时撤回同意。";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String adminKey;

    ConsentFaces(String base, String adminKey) {
        this.base = base;
        this.adminKey = adminKey;
    }

    record Reply(int status, String body) {
        JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }
    }

    Reply call(String method, String path, String key, String json, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key).header("Accept", accept)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(method + " " + path, e);
        }
    }

    Reply call(String method, String path, String key, String json) {
        return call(method, path, key, json, "application/json");
    }

    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    void defineCatalogue() {
        for (String[] p : new String[][] {
                {"marketing-sms", "{'name': {'zh': '营销短信', 'en': 'Marketing SMS'}, 'description': '新品和促销短信', 'category': 'marketing',"
                        + " 'legalBasis': 'consent', 'dataElements': ['phone']}"},
                {"analytics", "{'name': {'zh': '使用分析', 'en': 'Usage analytics'}, 'category': 'analytics', 'legalBasis': 'consent',"
                        + " 'dataElements': ['device_id']}"},
                {"health-advice", "{'name': {'zh': '健康建议', 'en': 'Health advice'}, 'category': 'service', 'legalBasis': 'consent',"
                        + " 'sensitive': true, 'dataElements': ['health']}"}}) {
            assertThat(call("PUT", "/api/v1/purposes/" + p[0], adminKey, json(p[1])).status()).isIn(200, 201);
        }
        Reply notice = call("POST", "/api/v1/notices", adminKey, Json.createObjectBuilder().add("code", NOTICE_CODE)
                .add("version", NOTICE_VERSION).add("language", "zh-CN").add("title", "隐私政策").add("content", NOTICE_TEXT)
                .add("purposes", Json.createArrayBuilder().add("marketing-sms").add("analytics").add("health-advice"))
                .add("material", true).build().toString());
        assertThat(notice.status()).as(notice.body()).isIn(200, 201);
    }

    /** A new key with {@code roles} (and, for a collector, {@code origins}); the key itself. */
    String key(String name, String role, String... origins) {
        var body = Json.createObjectBuilder().add("name", name).add("roles", Json.createArrayBuilder().add(role));
        if (origins.length > 0) {
            var list = Json.createArrayBuilder();
            for (String o : origins) {
                list.add(o);
            }
            body.add("origins", list);
        }
        Reply made = call("POST", "/api/v1/api-keys", adminKey, body.build().toString());
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        return made.json().getString("key");
    }

    /** The subject holding the identifier, or null. */
    String subjectOf(String type, String value) {
        Reply found = call("POST", "/api/v1/subjects:lookup", adminKey,
                Json.createObjectBuilder().add("identifiers", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("type", type).add("value", value))).build().toString());
        return found.status() == 404 ? null : found.json().getString("subjectId");
    }

    /** The subject's consents: purpose → {state, channel, …}. */
    JsonObject consents(String subjectId) {
        var byPurpose = Json.createObjectBuilder();
        call("GET", "/api/v1/subjects/" + subjectId + "/consents", adminKey, null).json().getJsonArray("consents")
                .getValuesAs(JsonObject.class).forEach(c -> byPurpose.add(c.getString("purpose"), c));
        return byPurpose.build();
    }

    /** The audit trail as NDJSON, every event with its details. */
    String auditTrail() {
        Reply trail = call("GET", "/api/v1/audit/events", adminKey, null, "application/x-ndjson");
        assertThat(trail.status()).isEqualTo(200);
        return trail.body();
    }
}
