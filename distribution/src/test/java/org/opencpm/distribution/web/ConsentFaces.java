package org.opencpm.distribution.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.distribution.Json.parse;
import static org.opencpm.distribution.RunningServer.ok;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import org.opencpm.distribution.RunningServer;

/**
 * The API calls the consent faces' browser tests make around the pages: the purposes and notice
 * the pages show (marketing SMS and analytics bundled, health advice needing separate consent), keys,
 * and what was recorded, through the server's own client: plain HTTP, as an integrator's or auditor's system would read it.
 */
final class ConsentFaces {

    static final String NOTICE_CODE = "privacy-policy";
    static final String NOTICE_VERSION = "2026-01";
    static final String NOTICE_TEXT = "我们如何收集和使用您的个人信息：为向您发送新品和促销短信、改进服务及提供健康建议。\n您可以随时撤回同意。";

    private final RunningServer server;
    private final String adminKey;

    ConsentFaces(RunningServer server, String adminKey) {
        this.server = server;
        this.adminKey = adminKey;
    }

    void defineCatalogue() {
        for (String[] p : new String[][] {
                {"marketing-sms", "{'name': {'zh': '营销短信', 'en': 'Marketing SMS'}, 'description': '新品和促销短信', 'category': 'marketing',"
                        + " 'legalBasis': 'consent', 'dataElements': ['phone']}"},
                {"analytics", "{'name': {'zh': '使用分析', 'en': 'Usage analytics'}, 'category': 'analytics', 'legalBasis': 'consent',"
                        + " 'dataElements': ['device_id']}"},
                {"health-advice", "{'name': {'zh': '健康建议', 'en': 'Health advice'}, 'category': 'service', 'legalBasis': 'consent',"
                        + " 'sensitive': true, 'dataElements': ['health']}"}}) {
            ok(server.put("/api/v1/purposes/" + p[0], adminKey, org.opencpm.distribution.Json.of(p[1])));
        }
        ok(server.post("/api/v1/notices", adminKey, Json.createObjectBuilder().add("code", NOTICE_CODE)
                .add("version", NOTICE_VERSION).add("language", "zh-CN").add("title", "隐私政策").add("content", NOTICE_TEXT)
                .add("purposes", Json.createArrayBuilder().add("marketing-sms").add("analytics").add("health-advice"))
                .add("material", true).build().toString()));
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
        HttpResponse<String> made = server.post("/api/v1/api-keys", adminKey, body.build().toString());
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        return parse(made.body()).getString("key");
    }

    /** The subject holding the identifier, or null. */
    String subjectOf(String type, String value) {
        HttpResponse<String> found = server.post("/api/v1/subjects:lookup", adminKey,
                Json.createObjectBuilder().add("identifiers", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("type", type).add("value", value))).build().toString());
        return found.statusCode() == 404 ? null : parse(ok(found).body()).getString("subjectId");
    }

    /** The subject's consents: purpose → {state, channel, …}. */
    JsonObject consents(String subjectId) {
        var byPurpose = Json.createObjectBuilder();
        parse(ok(server.get("/api/v1/subjects/" + subjectId + "/consents", adminKey)).body()).getJsonArray("consents")
                .getValuesAs(JsonObject.class).forEach(c -> byPurpose.add(c.getString("purpose"), c));
        return byPurpose.build();
    }

    /** The audit trail as NDJSON, every event with its details. */
    String auditTrail() {
        return ok(server.get("/api/v1/audit/events", adminKey, "application/x-ndjson")).body();
    }
}
