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
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.domain.audit.Checkpoint;
import org.opencpm.domain.audit.CheckpointHead;
import org.opencpm.domain.audit.CheckpointSignatures;
import org.opencpm.domain.consent.AttachmentHash;
import org.opencpm.testfixtures.EvidenceFiles;
import org.opencpm.testfixtures.InMemoryOpenCpm;

/**
 * A consent receipt over HTTP: {@code GET /api/v1/subjects/{id}/receipts/{receiptId}} answers the
 * consent event as an ISO/IEC TS 27560 consent record that an auditor checks against the chain,
 * with no identifier and no sealed evidence in it; never another person's.
 */
@HelidonTest
class ReceiptApiTest {

    private static final String IP = "203.0.113.9";

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

    private JsonObject granted(String phone) {
        InMemoryWiring.CPM.clock.advance(Duration.ofSeconds(1));
        Api.Reply reply = integrator.post("api/v1/consents", Catalogue.grant(phone, "'purpose': 'marketing-sms'"));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    private static String path(String subjectId, String receiptId) {
        return "api/v1/subjects/" + subjectId + "/receipts/" + receiptId;
    }

    @Test
    @DisplayName("ISO/IEC TS 27560; PIPL Art. 14, 17: a grant reads as a consent record: controller, notice and its SHA-256, purpose, consent, evidence")
    void an_auditor_reads_a_grant_as_a_consent_record() {
        String phone = Api.freshPhone();
        JsonObject receipt = granted(phone);
        String subjectId = receipt.getString("subjectId");
        String receiptId = receipt.getString("receiptId");
        JsonObject notice = auditor.get("api/v1/notices/privacy-policy/versions/2026-01").json();

        Api.Reply reply = auditor.get(path(subjectId, receiptId));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.response().getHeaderString("Cache-Control")).isEqualTo("no-store");
        JsonObject record = reply.json();
        assertThat(record.getString("schemaVersion")).isEqualTo("opencpm-consent-record/1");
        assertThat(record.getString("conformsTo")).isEqualTo("ISO/IEC TS 27560:2023");
        assertThat(record.getString("recordId")).isEqualTo(receiptId);
        assertThat(record.getString("receiptId")).isEqualTo(receiptId);
        assertThat(record.getString("createdAt")).isEqualTo(receipt.getString("recordedAt"));
        assertThat(record.getString("jurisdiction")).isEqualTo("CN");
        assertThat(record.getString("language")).isEqualTo("zh-CN");
        assertThat(record.getJsonObject("piiPrincipal").getString("subjectId")).isEqualTo(subjectId);
        assertThat(record.getJsonObject("piiPrincipal")).doesNotContainKey("recordedUnder");
        JsonObject controller = record.getJsonArray("piiControllers").getJsonObject(0);
        assertThat(controller.getString("name")).isEqualTo(InMemoryOpenCpm.CONTROLLER.name());
        assertThat(controller.getString("contact")).isEqualTo("privacy@example.cn");

        JsonObject shown = record.getJsonObject("notice");
        assertThat(shown.getString("code")).isEqualTo("privacy-policy");
        assertThat(shown.getString("version")).isEqualTo("2026-01");
        assertThat(shown.getString("language")).isEqualTo("zh-CN");
        assertThat(shown.getString("contentHash")).isEqualTo(notice.getString("contentHash"));
        assertThat(shown.getString("contentHashAlgorithm")).isEqualTo("SHA-256");
        assertThat(shown.getString("contentHashOf")).isEqualTo("content");
        assertThat(shown.getString("href")).isEqualTo("/api/v1/notices/privacy-policy/versions/2026-01");

        JsonObject purpose = record.getJsonArray("purposes").getJsonObject(0);
        assertThat(purpose.getString("code")).isEqualTo("marketing-sms");
        assertThat(purpose.getString("legalBasis")).isEqualTo("consent");
        assertThat(purpose.getString("category")).isEqualTo("marketing");
        assertThat(purpose.getJsonObject("name").getString("zh")).isEqualTo("营销短信");
        JsonObject element = purpose.getJsonArray("dataElements").getJsonObject(0);
        assertThat(element.getString("name")).isEqualTo("phone");
        assertThat(element.getString("grade")).isEqualTo("general");
        assertThat(element.getBoolean("sensitive")).isFalse();
        assertThat(purpose.getJsonArray("recipients")).isEmpty();
        assertThat(purpose.getBoolean("crossBorder")).isFalse();
        assertThat(purpose.getInt("retentionDays")).isEqualTo(365);
        assertThat(purpose.getInt("validityDays")).isEqualTo(730);
        assertThat(purpose.getBoolean("separateConsentRequired")).isFalse();

        JsonObject consent = record.getJsonObject("consent");
        assertThat(consent.getString("action")).isEqualTo("grant");
        assertThat(consent.getString("state")).isEqualTo("granted");
        assertThat(consent.getString("dpvStatus")).isEqualTo("dpv:ConsentGiven");
        assertThat(consent.getString("type")).isEqualTo("explicit");
        assertThat(consent.getBoolean("separate")).isFalse();
        assertThat(consent.getString("method")).isEqualTo("checkbox");
        assertThat(consent.getString("channel")).isEqualTo("miniprogram");
        assertThat(consent.getString("stateNow")).isEqualTo("granted");
        assertThat(consent.getString("expiresAt")).isNotBlank();
        assertThat(consent.getString("withdrawal")).contains("PIPL Art. 15");
        assertThat(consent).doesNotContainKey("guardian");

        JsonObject evidence = record.getJsonObject("evidence");
        assertThat(evidence.getJsonObject("auditEvent").getString("hash")).isEqualTo(receipt.getString("auditHash"));
        assertThat(evidence.getJsonObject("auditEvent").getString("eventId")).isEqualTo(receiptId);
        assertThat(evidence.getString("personalData")).isEqualTo("sealed");
        assertThat(reply.body()).as("no identifier, no sealed evidence in clear").doesNotContain(phone).doesNotContain(IP)
                .doesNotContain("MicroMessenger");
    }

    @Test
    @DisplayName("PIPL Art. 54–56: once signed, a record names the checkpoint that anchors its event, and its signature checks with the public key")
    void a_signed_record_names_the_checkpoint_an_auditor_checks_with_the_public_key() {
        JsonObject receipt = granted(Api.freshPhone());
        String path = path(receipt.getString("subjectId"), receipt.getString("receiptId"));
        assertThat(auditor.get(path).json().getJsonObject("evidence").getBoolean("anchored")).as("not signed yet").isFalse();
        Api.Reply taken = admin.post("api/v1/audit/checkpoints", "");
        assertThat(taken.status()).as(taken.body()).isEqualTo(201);

        JsonObject evidence = auditor.get(path).json().getJsonObject("evidence");

        assertThat(evidence.getBoolean("anchored")).isTrue();
        JsonObject checkpoint = evidence.getJsonObject("checkpoint");
        assertThat(checkpoint.getJsonNumber("number").longValue()).isEqualTo(taken.json().getJsonNumber("number").longValue());
        assertThat(checkpoint.getString("algorithm")).isEqualTo("Ed25519");
        JsonObject head = checkpoint.getJsonArray("heads").getJsonObject(0);
        assertThat(head.getJsonNumber("seq").longValue()).isGreaterThanOrEqualTo(evidence.getJsonObject("auditEvent").getJsonNumber("seq").longValue());
        Checkpoint signed = new Checkpoint(checkpoint.getJsonNumber("number").longValue(),
                List.of(new CheckpointHead(head.getString("chain"), head.getJsonNumber("seq").longValue(), head.getString("hash"))),
                Instant.parse(checkpoint.getString("signedAt")), checkpoint.getString("keyId"), checkpoint.getString("signature"));
        String pem = admin.get("api/v1/audit/public-keys").body();
        assertThat(CheckpointSignatures.publicKeys(pem.replace("\\n", "\n")))
                .as("one of the published keys verifies the checkpoint the record names")
                .anyMatch(key -> CheckpointSignatures.verifies(signed, key));
    }

    @Test
    @DisplayName("PIPL Art. 15: the record of a grant shows what became of it: withdrawn since, with every event for the purpose")
    void the_record_of_a_grant_shows_its_withdrawal_since() {
        String phone = Api.freshPhone();
        JsonObject receipt = granted(phone);
        InMemoryWiring.CPM.clock.advance(Duration.ofMinutes(1));
        Api.Reply withdrawn = integrator.post("api/v1/consents", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms', 'action': 'withdraw',
                  'channel': 'sms', 'method': 'sms_reply' }""".formatted(phone)));
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(201);

        JsonObject record = auditor.get(path(receipt.getString("subjectId"), receipt.getString("receiptId"))).json();

        assertThat(record.getJsonObject("consent").getString("state")).isEqualTo("granted");
        assertThat(record.getJsonObject("consent").getString("stateNow")).isEqualTo("withdrawn");
        assertThat(record.getJsonObject("consent").getString("dpvStatusNow")).isEqualTo("dpv:ConsentWithdrawn");
        assertThat(record.getJsonArray("events")).hasSize(2);
        JsonObject first = record.getJsonArray("events").getJsonObject(0);
        JsonObject second = record.getJsonArray("events").getJsonObject(1);
        assertThat(first.getBoolean("thisRecord")).isTrue();
        assertThat(first.getString("eventId")).isEqualTo(receipt.getString("receiptId"));
        assertThat(second.getBoolean("thisRecord")).isFalse();
        assertThat(second.getString("action")).isEqualTo("withdraw");
        assertThat(second.getString("dpvStatus")).isEqualTo("dpv:ConsentWithdrawn");
        assertThat(second.getString("eventId")).isEqualTo(withdrawn.json().getString("receiptId"));
    }

    @Test
    @DisplayName("PIPL Art. 31: a minor's record says a parent consented, and the parent's identifiers stay sealed")
    void a_minors_record_shows_the_guardian_without_identifiers() {
        String parent = Api.freshPhone();
        Api.Reply reply = integrator.post("api/v1/consents", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}], 'minor': true}, 'purpose': 'marketing-sms',
                  'action': 'grant', 'notice': {'code': 'privacy-policy', 'version': '2026-01'}, 'channel': 'app', 'method': 'checkbox',
                  'guardian': {'identifiers': [{'type': 'phone', 'value': '%s'}], 'relation': 'parent'} }"""
                .formatted(Api.freshPhone(), parent)));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);

        Api.Reply record = auditor.get(path(reply.json().getString("subjectId"), reply.json().getString("receiptId")));

        JsonObject guardian = record.json().getJsonObject("consent").getJsonObject("guardian");
        assertThat(guardian.getBoolean("involved")).isTrue();
        assertThat(guardian.getString("relation")).isEqualTo("parent");
        assertThat(guardian.getString("identifiers")).isEqualTo("sealed");
        assertThat(record.body()).doesNotContain(parent);
    }

    @Test
    @DisplayName("PIPL Art. 14, 54: a signed grant's record names its signature by SHA-256 with where an auditor downloads it, never its bytes")
    void a_signed_grants_record_names_its_signature_by_hash() {
        byte[] png = EvidenceFiles.png(1_500);
        String base64 = Base64.getEncoder().encodeToString(png);
        Api.Reply granted = integrator.post("api/v1/consents", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms', 'action': 'grant',
                  'notice': {'code': 'privacy-policy', 'version': '2026-01'}, 'channel': 'store', 'method': 'signature',
                  'evidence': {'attachments': [{ 'kind': 'signature', 'mediaType': 'image/png', 'content': '%s' }]} }"""
                .formatted(Api.freshPhone(), base64)));
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);

        Api.Reply record = auditor.get(path(granted.json().getString("subjectId"), granted.json().getString("receiptId")));

        JsonObject file = record.json().getJsonObject("evidence").getJsonArray("attachments").getJsonObject(0);
        assertThat(file.getString("kind")).isEqualTo("signature");
        assertThat(file.getString("mediaType")).isEqualTo("image/png");
        assertThat(file.getString("sha256")).isEqualTo(AttachmentHash.of(png).tagged());
        assertThat(record.body()).doesNotContain(base64);
        Api.Reply downloaded = auditor.get(file.getString("href").substring(1));
        assertThat(downloaded.status()).isEqualTo(200);
        assertThat(downloaded.contentType()).isEqualTo("image/png");
    }

    @Test
    @DisplayName("Auditors and integrators read receipts (an admin too); without a key, 401")
    void auditors_integrators_and_admins_read_receipts() {
        JsonObject receipt = granted(Api.freshPhone());
        String path = path(receipt.getString("subjectId"), receipt.getString("receiptId"));

        assertThat(auditor.get(path).status()).isEqualTo(200);
        assertThat(integrator.get(path).status()).isEqualTo(200);
        assertThat(admin.get(path).status()).isEqualTo(200);
        Api.Reply anonymous = Api.reply(target.path(path).request().get());
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
    }

    @Test
    @DisplayName("No oracle: another person's receipt id is 404 receipt-not-found exactly like an id that never existed")
    void another_persons_receipt_is_not_found_like_an_unknown_one() {
        JsonObject mine = granted(Api.freshPhone());
        JsonObject theirs = granted(Api.freshPhone());
        String unknown = "0f0e0d0c-0000-4000-8000-000000000000";

        Api.Reply other = auditor.get(path(mine.getString("subjectId"), theirs.getString("receiptId")));
        Api.Reply never = auditor.get(path(mine.getString("subjectId"), unknown));

        assertProblem(other, 404, "receipt-not-found");
        assertProblem(never, 404, "receipt-not-found");
        assertThat(other.json().getString("detail").replace(theirs.getString("receiptId"), "ID"))
                .isEqualTo(never.json().getString("detail").replace(unknown, "ID"));
        assertThat(other.body()).doesNotContain(theirs.getString("subjectId"));
    }

    @Test
    void malformed_ids_are_400_naming_the_field_and_an_unknown_subject_is_404() {
        JsonObject mine = granted(Api.freshPhone());
        String subjectId = mine.getString("subjectId");

        Api.Reply badReceipt = auditor.get(path(subjectId, "not%20a%20receipt"));
        assertProblem(badReceipt, 400, "invalid-request");
        assertThat(badReceipt.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("receiptId");
        assertProblem(auditor.get(path(subjectId, "x".repeat(65))), 400, "invalid-request");
        assertProblem(auditor.get(path(subjectId, "..%2F..%2Faudit")), 400, "invalid-request");
        assertProblem(auditor.get(path("sub%20x", mine.getString("receiptId"))), 400, "invalid-request");
        assertProblem(auditor.get(path("sub_nobody", mine.getString("receiptId"))), 404, "subject-not-found");
    }

    @Test
    @DisplayName("PIPL Art. 46: a receipt recorded under a record since merged into the person is read under the surviving subject")
    void a_receipt_of_an_absorbed_record_is_read_under_the_surviving_subject() {
        String into = granted(Api.freshPhone()).getString("subjectId");
        JsonObject absorbed = granted(Api.freshPhone());
        String from = absorbed.getString("subjectId");
        Api.Reply merged = integrator.post("api/v1/subjects:merge", json("{ 'into': '%s', 'from': '%s' }".formatted(into, from)));
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);

        Api.Reply record = auditor.get(path(into, absorbed.getString("receiptId")));

        assertThat(record.status()).as(record.body()).isEqualTo(200);
        assertThat(record.json().getJsonObject("piiPrincipal").getString("subjectId")).isEqualTo(into);
        assertThat(record.json().getJsonObject("piiPrincipal").getString("recordedUnder")).isEqualTo(from);
        assertProblem(auditor.get(path(from, absorbed.getString("receiptId"))), 410, "subject-merged");
    }

    @Test
    @DisplayName("PIPL Art. 47: an erased person's receipt is 410, like their history")
    void an_erased_persons_receipt_is_gone() {
        JsonObject receipt = granted(Api.freshPhone());
        String subjectId = receipt.getString("subjectId");
        Api.Reply request = integrator.post("api/v1/rights-requests", json("""
                { 'subjectId': '%s', 'type': 'deletion', 'channel': 'api', 'verification': {'method': 'login'} }""".formatted(subjectId)));
        assertThat(request.status()).as(request.body()).isEqualTo(201);
        Api.Reply erased = integrator.post("api/v1/subjects/" + subjectId + ":erase",
                json("{ 'requestId': '%s' }".formatted(request.json().getString("requestId"))));
        assertThat(erased.status()).as(erased.body()).isEqualTo(202);
        if (erased.json().getString("status").equals("erasing")) { // a connector to wait for: the wait runs out
            InMemoryWiring.CPM.clock.advance(InMemoryOpenCpm.ERASURE_WAIT);
            InMemoryWiring.CPM.erasure.finishDue();
        }

        assertProblem(auditor.get(path(subjectId, receipt.getString("receiptId"))), 410, "subject-erased");
    }
}
