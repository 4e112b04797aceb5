package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store-tablet signature on the real distribution (ADR 0013): granted with the PNG of a
 * signature, its {@code sha256:<hex>} found in the audit export, the file downloaded byte for byte
 * by an auditor; then the person erased — the file answers 410, and the PNG's bytes are nowhere in
 * the H2 data folder, clear or base64, while the chain still verifies.
 */
class AttachmentsIT {

    private static final String ADMIN = "an-operator-chosen-admin-key-0002";
    private static final String NOTICE_TEXT = "我们如何处理您的个人信息";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    @DisplayName("PIPL Art. 14, 47, 54: a signed grant's PNG is in the chain by hash, downloaded whole, and gone as bytes after erasure")
    void a_tablet_signature_from_grant_to_erasure(@TempDir Path work) throws Exception {
        byte[] png = signaturePng();
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png));
        RunningServer unpacked = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", ADMIN)
                .withEnv("OPENCPM_ERASURE_CHECKSECONDS", "1");
        try (RunningServer server = unpacked.start()) {
            DistributionIT.defineCatalogue(server, ADMIN);
            HttpResponse<String> granted = server.post("/api/v1/consents", ADMIN, Json.of("""
                    { 'subject': {'identifiers': [{'type': 'phone', 'value': '13%09d'}]}, 'purpose': 'marketing-sms', 'action': 'grant',
                      'notice': {'code': 'privacy-policy', 'version': '2026-01'}, 'channel': 'store', 'method': 'signature',
                      'evidence': {'operator': 'clerk 3', 'attachments': [
                        {'kind': 'signature', 'mediaType': 'image/png', 'content': '%s'}]} }"""
                    .formatted(RANDOM.nextInt(1_000_000_000), Base64.getEncoder().encodeToString(png))));
            assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
            String subjectId = Json.parse(granted.body()).getString("subjectId");

            HttpResponse<String> trail = server.get("/api/v1/audit/events", ADMIN, "application/x-ndjson");
            assertThat(trail.statusCode()).isEqualTo(200);
            assertThat(trail.body()).contains("sha256:" + hash).doesNotContain(Base64.getEncoder().encodeToString(png).substring(0, 40));

            String path = "/api/v1/subjects/" + subjectId + "/attachments/sha256:" + hash;
            HttpResponse<byte[]> file = server.getBytes(path, ADMIN, "*/*");
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.body()).isEqualTo(png);
            assertThat(file.headers().firstValue("Content-Type")).contains("image/png");
            assertThat(file.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(file.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).startsWith("attachment"));
            assertThat(file.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).startsWith("sandbox"));

            erase(server, subjectId);

            assertThat(server.getBytes(path, ADMIN, "*/*").statusCode()).isEqualTo(410);
            JsonObject verified = Json.parse(server.get("/api/v1/audit/verify", ADMIN).body());
            assertThat(verified.getBoolean("valid")).as(verified.toString()).isTrue();
            assertThat(server.get("/api/v1/audit/events", ADMIN, "application/x-ndjson").body()).contains("sha256:" + hash);
            server.stop();
        }
        List<Path> data = BytesOnDisk.files(unpacked.data);
        assertThat(data).isNotEmpty();
        assertThat(BytesOnDisk.found(data, Map.of("the PNG's bytes", List.of(Arrays.copyOfRange(png, 64, 128)),
                "the PNG as base64", List.of(Base64.getEncoder().encodeToString(Arrays.copyOfRange(png, 63, 123))
                        .getBytes(StandardCharsets.US_ASCII))))).as("the signature left in the data folder").isEmpty();
        assertThat(BytesOnDisk.anyHolds(data, NOTICE_TEXT.getBytes(StandardCharsets.UTF_8)))
                .as("the control text stored in clear is found in the data folder").isTrue();
    }

    private static void erase(RunningServer server, String subjectId) {
        HttpResponse<String> request = server.post("/api/v1/rights-requests", ADMIN, Json.of("""
                { 'subjectId': '%s', 'type': 'deletion', 'channel': 'store',
                  'verification': {'method': 'operator', 'operator': 'clerk 3'} }""".formatted(subjectId)));
        assertThat(request.statusCode()).as(request.body()).isEqualTo(201);
        String requestId = Json.parse(request.body()).getString("requestId");
        HttpResponse<String> erase = server.post("/api/v1/subjects/" + subjectId + ":erase", ADMIN,
                Json.of("{ 'requestId': '%s' }".formatted(requestId)));
        assertThat(erase.statusCode()).as(erase.body()).isEqualTo(202);
        await("the erasure finished").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> server.get("/api/v1/subjects/" + subjectId + "/history", ADMIN).statusCode() == 410);
    }

    /** A real PNG of a "signature": random pixels, so its bytes are its own and do not compress away. */
    private static byte[] signaturePng() throws IOException {
        BufferedImage image = new BufferedImage(64, 24, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, RANDOM.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, "png", out)).isTrue();
        return out.toByteArray();
    }
}
