package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consent receipt from the real distribution, on its database (ISO/IEC TS 27560; PIPL Art. 14,
 * 17): a grant made over HTTP reads back as a consent record naming the configured controller,
 * and the notice text fetched by the record's own reference hashes to the record's contentHash.
 */
class ConsentReceiptIT {

    private static final String ADMIN = "consent-receipt-admin-key-000000000001";
    private static final String PHONE = "13912345633";
    private static final String IP = "198.51.100.78";
    private static final String CONTROLLER = "示例零售有限公司";

    @Test
    @DisplayName("ISO/IEC TS 27560; PIPL Art. 14, 17: over HTTP, a grant's receipt names the controller, and the notice it points to hashes to its contentHash")
    void a_grants_receipt_points_to_the_notice_text_it_was_given_on(@TempDir Path work) throws Exception {
        RunningServer unpacked = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", ADMIN)
                .withEnv("OPENCPM_CONTROLLER_CONTACT", "privacy@example.cn");
        // the name in the operator's file (UTF-8), the contact from the environment
        Files.writeString(unpacked.home.resolve("conf").resolve("opencpm.properties"), "\nopencpm.controller.name=" + CONTROLLER + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (RunningServer server = unpacked.start()) {
            DistributionIT.defineCatalogue(server, ADMIN);
            String integrator = key(server, "member-centre", "integrator");
            String auditor = key(server, "auditor", "auditor");
            HttpResponse<String> granted = server.post("/api/v1/consents", integrator, Json.of("""
                    { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms', 'action': 'grant',
                      'notice': {'code': 'privacy-policy', 'version': '2026-01'}, 'channel': 'app', 'method': 'checkbox',
                      'evidence': {'ip': '%s', 'userAgent': 'MicroMessenger/8.0'} }""".formatted(PHONE, IP)));
            assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
            JsonObject receipt = Json.parse(granted.body());
            HttpResponse<String> signed = server.post("/api/v1/audit/checkpoints", ADMIN, "");
            assertThat(signed.statusCode()).as(signed.body()).isEqualTo(201);

            HttpResponse<String> reply = server.get("/api/v1/subjects/" + receipt.getString("subjectId") + "/receipts/"
                    + receipt.getString("receiptId"), auditor);

            assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
            JsonObject record = Json.parse(reply.body());
            assertThat(record.getString("conformsTo")).isEqualTo("ISO/IEC TS 27560:2023");
            assertThat(record.getString("recordId")).isEqualTo(receipt.getString("receiptId"));
            assertThat(record.getJsonObject("piiPrincipal").getString("subjectId")).isEqualTo(receipt.getString("subjectId"));
            assertThat(record.getJsonArray("piiControllers").getJsonObject(0).getString("name")).isEqualTo(CONTROLLER);
            assertThat(record.getJsonArray("piiControllers").getJsonObject(0).getString("contact")).isEqualTo("privacy@example.cn");
            assertThat(record.getJsonObject("consent").getString("state")).isEqualTo("granted");
            JsonObject evidence = record.getJsonObject("evidence");
            assertThat(evidence.getJsonObject("auditEvent").getString("hash")).isEqualTo(receipt.getString("auditHash"));
            assertThat(evidence.getJsonObject("checkpoint").getJsonNumber("number").longValue())
                    .isEqualTo(Json.parse(signed.body()).getJsonNumber("number").longValue());

            JsonObject shown = record.getJsonObject("notice");
            HttpResponse<String> fetched = server.get(shown.getString("href"), auditor);
            assertThat(fetched.statusCode()).as(fetched.body()).isEqualTo(200);
            String text = Json.parse(fetched.body()).getString("content");
            assertThat(sha256(text)).as("the text the receipt points to is the text it was given on")
                    .isEqualTo(shown.getString("contentHash"));
            assertThat(shown.getString("contentHashAlgorithm")).isEqualTo("SHA-256");

            assertThat(reply.body()).doesNotContain(PHONE).doesNotContain(IP);
            assertThat(server.get("/api/v1/subjects/" + receipt.getString("subjectId") + "/receipts/"
                    + "0f0e0d0c-0000-4000-8000-000000000000", auditor).statusCode()).isEqualTo(404);
            HttpResponse<String> byAddressOnly = server.post("/api/v1/notices", ADMIN, Json.of("""
                    { 'code': 'web-policy', 'version': '1', 'language': 'zh-CN', 'title': '网页隐私政策',
                      'url': 'https://example.cn/privacy', 'purposes': ['marketing-sms'] }"""));
            assertThat(byAddressOnly.statusCode()).as(byAddressOnly.body()).isEqualTo(422);
            assertThat(byAddressOnly.body()).contains("notice-content-hash-required");
            assertThat(server.get("/openapi", null).body()).contains("/api/v1/subjects/{subjectId}/receipts/{receiptId}");
            assertThat(server.logText()).doesNotContain(PHONE).doesNotContain(IP);
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String key(RunningServer server, String name, String role) {
        HttpResponse<String> created = server.post("/api/v1/api-keys", ADMIN, Json.of("{ 'name': '%s', 'roles': ['%s'] }"
                .formatted(name, role)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Json.parse(created.body()).getString("key");
    }
}
