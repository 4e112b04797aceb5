package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.adapters.rest.Api.json;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.domain.consent.Attachment;
import org.opencpm.domain.consent.AttachmentHash;
import org.opencpm.testfixtures.EvidenceFiles;
import org.opencpm.testfixtures.InMemoryOpenCpm;

/**
 * Evidence files over HTTP (ADR 0013): a grant signed on a store tablet carries the signature,
 * the audit export names its hash, an auditor downloads it — never rendered in our origin — and
 * hostile files are 400 problems that write nothing.
 */
@HelidonTest
class AttachmentsApiTest {

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

    private static String file(String kind, String mediaType, String base64) {
        return "{ 'kind': '%s', 'mediaType': '%s', 'content': '%s' }".formatted(kind, mediaType, base64);
    }

    private static String signature(byte[] png) {
        return file("signature", "image/png", Base64.getEncoder().encodeToString(png));
    }

    private static String signedGrant(String phone, String... files) {
        return json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms', 'action': 'grant',
                  'notice': {'code': 'privacy-policy', 'version': '2026-01'}, 'channel': 'store', 'method': 'signature',
                  'evidence': {'operator': 'clerk 3', 'attachments': [%s]} }""".formatted(phone, String.join(", ", files)));
    }

    private Response download(Api as, String subjectId, String hash) {
        return as.request("api/v1/subjects/" + subjectId + "/attachments/" + hash).get();
    }

    private static String fieldOf(Api.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        return reply.json().getJsonArray("errors").getJsonObject(0).getString("field");
    }

    @Test
    @DisplayName("PIPL Art. 14, 54: a signed grant's signature is named by hash in the audit export and downloaded byte for byte, safely")
    void a_signature_is_in_the_chain_by_hash_and_downloaded_by_an_auditor() {
        byte[] png = EvidenceFiles.png(3_000);
        String hash = AttachmentHash.of(png).hex();

        Api.Reply granted = integrator.post("api/v1/consents", signedGrant(Api.freshPhone(), signature(png)));
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        String subjectId = granted.json().getString("subjectId");

        Api.Reply trail = auditor.get("api/v1/audit/events", "application/x-ndjson");
        assertThat(trail.body()).contains("signature image/png sha256:" + hash).doesNotContain(Base64.getEncoder().encodeToString(png));

        Response file = download(auditor, subjectId, hash);
        assertThat(file.getStatus()).isEqualTo(200);
        assertThat(file.getHeaderString("Content-Type")).isEqualTo("image/png");
        assertThat(file.getHeaderString("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(file.getHeaderString("Content-Disposition")).isEqualTo("attachment; filename=\"" + hash + ".png\"");
        assertThat(file.getHeaderString("Content-Security-Policy")).startsWith("sandbox").contains("default-src 'none'");
        assertThat(file.getHeaderString("Cache-Control")).isEqualTo("no-store");
        assertThat(file.readEntity(byte[].class)).isEqualTo(png);
        assertThat(download(admin, subjectId, "sha256:" + hash.toUpperCase(java.util.Locale.ROOT)).getStatus()).isEqualTo(200);

        JsonObject export = jakarta.json.Json.createReader(new StringReader(integrator.get("api/v1/subjects/" + subjectId + "/export").body()))
                .readObject();
        assertThat(export.getJsonArray("attachments")).singleElement().satisfies(listed -> {
            assertThat(listed.asJsonObject().getString("sha256")).isEqualTo("sha256:" + hash);
            assertThat(listed.asJsonObject().getString("mediaType")).isEqualTo("image/png");
            assertThat(listed.asJsonObject().getInt("size")).isEqualTo(png.length);
        });
    }

    @Test
    @DisplayName("only auditors and admins download files; an unknown hash, another person's file or a malformed hash are clean 4xx")
    void who_may_download_and_what_is_not_there() {
        byte[] png = EvidenceFiles.png(500);
        String hash = AttachmentHash.of(png).hex();
        String subjectId = integrator.post("api/v1/consents", signedGrant(Api.freshPhone(), signature(png))).json().getString("subjectId");
        String other = integrator.post("api/v1/consents", Catalogue.grant(Api.freshPhone(), "'purpose': 'marketing-sms'"))
                .json().getString("subjectId");

        assertThat(download(integrator, subjectId, hash).getStatus()).isEqualTo(403);
        assertThat(download(new Api(target, null), subjectId, hash).getStatus()).isEqualTo(401);
        Api.Reply elsewhere = Api.reply(download(auditor, other, hash));
        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(elsewhere.contentType()).startsWith("application/problem+json");
        assertThat(elsewhere.json().getString("type")).endsWith("attachment-not-found");
        assertThat(download(auditor, subjectId, "0".repeat(64)).getStatus()).isEqualTo(404);
        assertThat(fieldOf(Api.reply(download(auditor, subjectId, "not-a-hash")))).isEqualTo("sha256");
        assertThat(fieldOf(Api.reply(download(auditor, subjectId, hash + "00")))).isEqualTo("sha256");
        assertThat(fieldOf(Api.reply(download(auditor, "not%20an%20id", hash)))).isEqualTo("subjectId");
        assertThat(download(auditor, java.util.UUID.randomUUID().toString(), hash).getStatus()).isEqualTo(404);
    }

    @Test
    @DisplayName("hostile files — wrong bytes for the type, SVG, oversized, not base64, too many, twice, unknown fields — are 400 naming the field, and write nothing")
    void hostile_files_are_refused_and_write_nothing() {
        String phone = Api.freshPhone();
        String html = Base64.getEncoder().encodeToString("<html><script>alert(document.cookie)</script></html>".getBytes());
        String png = Base64.getEncoder().encodeToString(EvidenceFiles.png(200));
        String svg = Base64.getEncoder().encodeToString("<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>".getBytes());
        Footprint before = Footprint.now();

        assertThat(fieldOf(integrator.post("api/v1/consents", signedGrant(phone, file("signature", "image/png", html)))))
                .isEqualTo("evidence.attachments[0].content");
        assertThat(fieldOf(integrator.post("api/v1/consents", signedGrant(phone, file("document", "application/pdf", png)))))
                .isEqualTo("evidence.attachments[0].content");
        assertThat(fieldOf(integrator.post("api/v1/consents", signedGrant(phone, file("signature", "image/svg+xml", svg)))))
                .isEqualTo("evidence.attachments[0].mediaType");
        assertThat(fieldOf(integrator.post("api/v1/consents", signedGrant(phone, file("selfie", "image/png", png)))))
                .isEqualTo("evidence.attachments[0].kind");
        assertThat(fieldOf(integrator.post("api/v1/consents", signedGrant(phone, file("signature", "image/png", "%%%not base64%%%")))))
                .isEqualTo("evidence.attachments[0].content");
        assertThat(fieldOf(integrator.post("api/v1/consents", signedGrant(phone, file("signature", "image/png",
                "data:image/png;base64," + png))))).isEqualTo("evidence.attachments[0].content");
        assertThat(fieldOf(integrator.post("api/v1/consents", signedGrant(phone, file("signature", "image/png", "")))))
                .isEqualTo("evidence.attachments[0].content");
        assertThat(fieldOf(integrator.post("api/v1/consents", signedGrant(phone,
                signature(EvidenceFiles.png(Attachment.MAX_BYTES + 1)))))).isEqualTo("evidence.attachments[0].content");
        String five = IntStream.range(0, 5).mapToObj(i -> signature(EvidenceFiles.png(100))).collect(Collectors.joining(", "));
        assertThat(fieldOf(integrator.post("api/v1/consents", signedGrant(phone, five)))).isEqualTo("evidence.attachments");
        String twice = signature(EvidenceFiles.png(100));
        assertThat(fieldOf(integrator.post("api/v1/consents", signedGrant(phone, twice, twice)))).isEqualTo("evidence.attachments");
        assertThat(fieldOf(integrator.post("api/v1/consents", signedGrant(phone,
                "{ 'kind': 'signature', 'mediaType': 'image/png', 'content': '%s', 'url': 'http://x' }".formatted(png)))))
                .isEqualTo("evidence.attachments[0].url");
        assertThat(fieldOf(integrator.post("api/v1/consents", signedGrant(phone, "'" + png + "'")))).isEqualTo("evidence.attachments[0]");
        assertThat(fieldOf(integrator.post("api/v1/consents:confirm", json("""
                { 'token': 'abc', 'evidence': {'attachments': [%s]} }""".formatted(signature(EvidenceFiles.png(100)))))))
                .as("a confirmation keeps no files").isEqualTo("evidence.attachments");

        assertThat(Footprint.now()).isEqualTo(before);
    }

    @Test
    @DisplayName("a file near the limit fits the 1 MiB body and reads back; the same file sent again is kept once")
    void a_large_file_fits_and_the_same_file_is_kept_once() {
        byte[] scan = EvidenceFiles.pdf(Attachment.MAX_BYTES);
        String phone = Api.freshPhone();
        String form = file("document", "application/pdf", Base64.getEncoder().encodeToString(scan));

        Api.Reply granted = integrator.post("api/v1/consents", signedGrant(phone, form));
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        String subjectId = granted.json().getString("subjectId");
        int kept = InMemoryWiring.CPM.attachmentStore.all().size();
        InMemoryWiring.CPM.clock.advance(Duration.ofSeconds(1));
        assertThat(integrator.post("api/v1/consents", signedGrant(phone, form)).status()).isIn(200, 201);

        assertThat(InMemoryWiring.CPM.attachmentStore.all()).hasSize(kept);
        Response file = download(auditor, subjectId, AttachmentHash.of(scan).hex());
        assertThat(file.getHeaderString("Content-Type")).isEqualTo("application/pdf");
        assertThat(file.getHeaderString("Content-Disposition")).endsWith(".pdf\"");
        assertThat(file.readEntity(byte[].class)).isEqualTo(scan);
    }

    @Test
    @DisplayName("PIPL Art. 47: after the person's erasure their file answers 410")
    void an_erased_persons_file_is_gone() {
        byte[] png = EvidenceFiles.png(700);
        String subjectId = integrator.post("api/v1/consents", signedGrant(Api.freshPhone(), signature(png))).json().getString("subjectId");
        String requestId = integrator.post("api/v1/rights-requests", json("""
                { 'subjectId': '%s', 'type': 'deletion', 'channel': 'store',
                  'verification': {'method': 'operator', 'operator': 'clerk 3'} }""".formatted(subjectId))).json().getString("requestId");
        Api.Reply erased = integrator.post("api/v1/subjects/" + subjectId + ":erase", json("{ 'requestId': '%s' }".formatted(requestId)));
        assertThat(erased.status()).as(erased.body()).isEqualTo(202);
        if (erased.json().getString("status").equals("erasing")) { // a connector to wait for: the wait runs out
            InMemoryWiring.CPM.clock.advance(InMemoryOpenCpm.ERASURE_WAIT);
            InMemoryWiring.CPM.erasure.finishDue();
        }

        Api.Reply gone = Api.reply(download(auditor, subjectId, AttachmentHash.of(png).hex()));
        assertThat(gone.status()).as(gone.body()).isEqualTo(410);
        assertThat(gone.contentType()).startsWith("application/problem+json");
    }
}
