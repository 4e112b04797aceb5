package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.adapters.rest.Api.json;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.domain.notice.ContentHash;

/**
 * {@code POST /api/v1/notices} with a {@code url}: the notice carries the SHA-256 of the text people
 * read there, declared by the publisher or computed from the content sent beside it; a url with
 * neither is refused, saying why (PIPL Art. 14, 17), and writes nothing.
 */
@HelidonTest
class NoticeByUrlApiTest {

    private static final String TEXT = "我们如何收集和使用您的个人信息（网页版）";

    @Inject
    WebTarget target;

    private Api admin;

    @BeforeEach
    void catalogue() {
        admin = new Api(target, InMemoryWiring.ADMIN_KEY);
        Catalogue.define(admin);
    }

    private static String notice(String version, String fields) {
        return json("""
                { 'code': 'web-policy', 'version': '%s', 'language': 'zh-CN', 'title': '网页隐私政策',
                  'url': 'https://example.cn/privacy/%s', %s 'purposes': ['marketing-sms'] }""".formatted(version, version, fields));
    }

    private int auditEvents() {
        return InMemoryWiring.CPM.auditTrail.all().size();
    }

    private void assertNothingPublished(String version, int eventsBefore) {
        assertThat(admin.get("api/v1/notices/web-policy/versions/" + version).status()).isEqualTo(404);
        assertThat(auditEvents()).isEqualTo(eventsBefore);
    }

    @Test
    @DisplayName("PIPL Art. 14, 17: a notice by URL carries the hash its publisher took of the text there, never of the address")
    void a_notice_by_url_carries_the_declared_hash_of_its_text() {
        String version = Api.freshPhone();
        String hash = ContentHash.of(TEXT).hex();

        Api.Reply published = admin.post("api/v1/notices", notice(version, "'contentHash': '%s',".formatted(hash)));

        assertThat(published.status()).as(published.body()).isEqualTo(201);
        JsonObject read = admin.get("api/v1/notices/web-policy/versions/" + version).json();
        for (JsonObject n : new JsonObject[] {published.json(), read}) {
            assertThat(n.getString("contentHash")).isEqualTo(hash);
            assertThat(n.getString("contentHashOf")).isEqualTo("text-at-url");
            assertThat(n.getString("url")).isEqualTo("https://example.cn/privacy/" + version);
            assertThat(n).doesNotContainKey("content");
        }
        assertThat(admin.post("api/v1/notices", notice(version, "'contentHash': '%s',".formatted(hash))).status())
                .as("the same again").isEqualTo(200);
        assertThat(admin.post("api/v1/notices", notice(version, "'contentHash': '%s',".formatted(ContentHash.of("other").hex())))
                .status()).as("another text under the same version").isEqualTo(409);
    }

    @Test
    @DisplayName("PIPL Art. 14, 17: with the text beside the URL the hash is computed from it, and a declared hash must match it")
    void content_beside_the_url_is_hashed_and_a_declared_hash_must_match() {
        String version = Api.freshPhone();
        Api.Reply published = admin.post("api/v1/notices", notice(version, "'content': '%s',".formatted(TEXT)));
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        assertThat(published.json().getString("contentHash")).isEqualTo(ContentHash.of(TEXT).hex());
        assertThat(published.json().getString("contentHashOf")).isEqualTo("content");

        String other = Api.freshPhone();
        int before = auditEvents();
        Api.Reply mismatch = admin.post("api/v1/notices", notice(other, "'content': '%s', 'contentHash': '%s',"
                .formatted(TEXT, ContentHash.of(TEXT + " ").hex())));
        assertThat(mismatch.status()).as(mismatch.body()).isEqualTo(422);
        assertThat(mismatch.contentType()).startsWith("application/problem+json");
        assertThat(mismatch.json().getString("code")).isEqualTo("notice-content-hash-mismatch");
        assertNothingPublished(other, before);
    }

    @Test
    @DisplayName("PIPL Art. 14, 17: a url with neither the text nor its hash is 422, says the text's hash is the evidence, writes nothing")
    void a_url_without_text_or_hash_is_refused_saying_why() {
        String version = Api.freshPhone();
        int before = auditEvents();

        Api.Reply refused = admin.post("api/v1/notices", notice(version, ""));

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().getString("code")).isEqualTo("notice-content-hash-required");
        assertThat(refused.json().getString("detail")).contains("contentHash").contains("text people read").contains("PIPL Art. 14, 17");
        assertNothingPublished(version, before);
    }

    @Test
    void a_malformed_content_hash_is_400_naming_the_field() {
        String version = Api.freshPhone();
        int before = auditEvents();
        for (String bad : new String[] {ContentHash.of(TEXT).hex().toUpperCase(), "abc", "", ContentHash.of(TEXT).hex() + "0"}) {
            Api.Reply refused = admin.post("api/v1/notices", notice(version, "'contentHash': '%s',".formatted(bad)));
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("contentHash");
        }
        Api.Reply number = admin.post("api/v1/notices", notice(version, "'contentHash': 12,"));
        assertThat(number.status()).isEqualTo(400);
        assertNothingPublished(version, before);
    }

    @Test
    @DisplayName("ISO/IEC TS 27560: the receipt of a grant on a notice by URL names the url and what its hash is of")
    void a_receipt_on_a_notice_by_url_names_the_url_and_its_hash() {
        String version = Api.freshPhone();
        String hash = ContentHash.of(TEXT).hex();
        assertThat(admin.post("api/v1/notices", notice(version, "'contentHash': '%s',".formatted(hash))).status()).isEqualTo(201);
        Api.Reply granted = admin.as(InMemoryWiring.INTEGRATOR_KEY).post("api/v1/consents", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms', 'action': 'grant',
                  'notice': {'code': 'web-policy', 'version': '%s'}, 'channel': 'web', 'method': 'checkbox' }"""
                .formatted(Api.freshPhone(), version)));
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);

        JsonObject notice = admin.as(InMemoryWiring.AUDITOR_KEY).get("api/v1/subjects/" + granted.json().getString("subjectId")
                + "/receipts/" + granted.json().getString("receiptId")).json().getJsonObject("notice");

        assertThat(notice.getString("contentHash")).isEqualTo(hash);
        assertThat(notice.getString("contentHashOf")).isEqualTo("text-at-url");
        assertThat(notice.getString("url")).isEqualTo("https://example.cn/privacy/" + version);
    }
}
