package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.adapters.rest.Problems.assertProblem;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/datasets:gate} over HTTP: RFC 4180 CSV in and out, rows without consent
 * dropped or de-identified with keyed pseudonyms, rows that cannot be read as the header says never
 * shared, and every refusal made before the answer starts.
 */
@HelidonTest
class DatasetGateApiTest {

    private static final String CSV = "text/csv";
    private static final String GATE = "api/v1/datasets:gate?purpose=marketing-sms&subjectColumn=mobile&idType=phone";

    @Inject
    WebTarget target;

    private StreamingClient client;
    private String granted;
    private String stranger;

    @BeforeEach
    void dataset() {
        Api admin = new Api(target, InMemoryWiring.ADMIN_KEY);
        Catalogue.define(admin);
        client = new StreamingClient(target, InMemoryWiring.INTEGRATOR_KEY);
        granted = Api.freshPhone();
        stranger = Api.freshPhone();
        assertThat(admin.as(InMemoryWiring.INTEGRATOR_KEY).post("api/v1/consents", Catalogue.grant(granted, "'purpose': 'marketing-sms'"))
                .status()).isEqualTo(201);
    }

    private HttpResponse<String> gate(String query, String body) {
        return client.post(GATE + query, CSV, CSV, body);
    }

    @Test
    @DisplayName("Drop: the header and the consented rows come back, quoted fields (commas, quotes, line breaks) intact")
    void drop_keeps_the_consented_rows_byte_for_byte() {
        String header = "id,name,mobile,note\r\n";
        String consented = "1,\"Wang, Fang\"," + granted + ",\"said \"\"yes\"\"\r\non two lines\"\r\n";
        String body = header + consented + "2,Li Lei," + stranger + ",plain\r\n" + "3,\"张 三\",+86 " + granted + ",中文\n";
        HttpResponse<String> reply = gate("", body);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(reply.body()).isEqualTo(header + consented + "3,张 三,+86 " + granted + ",中文\r\n");
    }

    @Test
    @DisplayName("De-identify: rows without consent keep their place, identifier and PII columns replaced by stable keyed pseudonyms")
    void deidentify_replaces_identifier_and_pii_with_keyed_pseudonyms() {
        String body = "id,name,mobile,city\n"
                + "1,Wang Fang," + granted + ",Shanghai\n"
                + "2,Li Lei," + stranger + ",Beijing\n"
                + "3,Li Lei,+86 " + stranger.substring(0, 3) + " " + stranger.substring(3) + ",Beijing\n";
        HttpResponse<String> reply = gate("&mode=deidentify&pii=name", body);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        String[] rows = reply.body().split("\r\n");
        assertThat(rows).hasSize(4);
        assertThat(rows[0]).isEqualTo("id,name,mobile,city");
        assertThat(rows[1]).isEqualTo("1,Wang Fang," + granted + ",Shanghai");
        String[] second = rows[2].split(",");
        String[] third = rows[3].split(",");
        assertThat(second[0]).isEqualTo("2");
        assertThat(second[1]).matches("[0-9a-f]{64}").isNotEqualTo("Li Lei");
        assertThat(second[2]).matches("[0-9a-f]{64}").doesNotContain(stranger);
        assertThat(second[3]).isEqualTo("Beijing");
        assertThat(third[1]).as("the same name, the same pseudonym").isEqualTo(second[1]);
        assertThat(third[2]).as("the same person written differently, the same pseudonym").isEqualTo(second[2]);
        assertThat(reply.body()).doesNotContain(stranger, "Li Lei");
        String again = gate("&mode=deidentify&pii=name", body).body();
        assertThat(again).as("stable across requests").isEqualTo(reply.body());
    }

    @Test
    @DisplayName("A row with another column count, broken quoting or bytes not UTF-8 is never shared, in either mode; the rest go on")
    void unreadable_rows_are_never_shared() {
        String good = "1,x," + granted + "\n";
        byte[] body = concat("id,name,mobile\n" + good
                        + "2,x," + granted + ",extra column shifts everything\n"
                        + "3," + granted + "\n"
                        + "4,x\"y," + granted + "\n"
                        + "5,\"x\"y," + granted + "\n",
                "6,张三,".getBytes(Charset.forName("GBK")), (granted + "\n\n" + good).getBytes(StandardCharsets.UTF_8));
        for (String mode : new String[] {"&mode=drop", "&mode=deidentify&pii=name"}) {
            HttpResponse<String> reply = client.post(GATE + mode, CSV, CSV, body);
            assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
            assertThat(reply.body()).as(mode).isEqualTo("id,name,mobile\r\n1,x," + granted + "\r\n1,x," + granted + "\r\n");
        }
    }

    @Test
    @DisplayName("Sharing: a row goes only to a recipient the purpose named and the person consented to (PIPL Art. 23)")
    void sharing_goes_only_to_a_named_recipient() {
        Api admin = new Api(target, InMemoryWiring.ADMIN_KEY);
        assertThat(admin.put("api/v1/purposes/partner-sharing", Api.json("""
                { 'name': {'zh': '向合作伙伴提供'}, 'category': 'sharing', 'legalBasis': 'consent', 'separateConsent': true,
                  'dataElements': ['phone'],
                  'recipients': [{'name': 'Acme Insurance', 'contact': 'dpo@acme.example', 'country': 'CN',
                                  'processingMethod': 'offers by phone'}] }""")).status()).isIn(200, 201);
        assertThat(admin.post("api/v1/notices", Api.json("""
                { 'code': 'sharing-notice', 'version': '1', 'language': 'zh-CN', 'title': '个人信息共享',
                  'content': '我们将向 Acme Insurance 提供您的手机号码', 'purposes': ['partner-sharing'] }""")).status()).isIn(200, 201);
        assertThat(admin.as(InMemoryWiring.INTEGRATOR_KEY).post("api/v1/consents", Api.json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'partner-sharing', 'action': 'grant',
                  'notice': {'code': 'sharing-notice', 'version': '1'}, 'channel': 'web', 'method': 'button' }""".formatted(granted)))
                .status()).isEqualTo(201);
        String body = "mobile\n" + granted + "\n";
        String gate = "api/v1/datasets:gate?purpose=partner-sharing&subjectColumn=mobile&idType=phone";
        assertThat(client.post(gate + "&recipient=Acme%20Insurance", CSV, CSV, body).body()).isEqualTo("mobile\r\n" + granted + "\r\n");
        assertThat(client.post(gate + "&recipient=Other%20Broker", CSV, CSV, body).body()).isEqualTo("mobile\r\n");
        assertThat(client.post(gate, CSV, CSV, body).body()).isEqualTo("mobile\r\n");
    }

    @Test
    @DisplayName("A quoted field never closed takes the rest of the body with it, and none of it is shared")
    void an_unclosed_quote_shares_nothing_after_it() {
        HttpResponse<String> reply = gate("", "id,name,mobile\n1,x," + granted + "\n2,\"open," + granted + "\n3,y," + granted + "\n");
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("id,name,mobile\r\n1,x," + granted + "\r\n");
    }

    @Test
    @DisplayName("Refused before the answer starts, as problem+json: header, columns, parameters, purpose, media types, roles")
    void refusals_before_the_answer() {
        String body = "id,mobile\n1," + granted + "\n";
        assertProblem(gate("", ""), 400, "invalid-value");
        assertProblem(gate("", "id,\"mob\"ile\n1,2\n"), 400, "invalid-value");
        assertProblem(gate("", "id,Mobile\n1," + granted + "\n"), 400, "invalid-value");
        assertProblem(gate("", "mobile,mobile\n1,2\n"), 400, "invalid-value");
        assertProblem(gate("&pii=name", body), 400, "invalid-value");
        assertProblem(gate("&mode=deidentify&pii=address", body), 400, "invalid-value");
        assertProblem(gate("&mode=shred", body), 400, "invalid-value");
        assertProblem(gate("&idType=fax", body), 400, "invalid-value");
        assertProblem(gate("&colour=red", body), 400, "invalid-value");
        assertProblem(client.post("api/v1/datasets:gate?purpose=marketing-sms&idType=phone", CSV, CSV, body), 400, "invalid-value");
        assertProblem(client.post("api/v1/datasets:gate?purpose=no-such&subjectColumn=mobile&idType=phone", CSV, CSV, body), 422,
                "unknown-purpose");
        assertProblem(client.post(GATE, "text/plain", CSV, body), 415, "unsupported-media-type");
        assertProblem(client.post(GATE, "text/csv; charset=GBK", CSV, body), 415, "unsupported-media-type");
        assertProblem(client.post(GATE, CSV, "application/json", body), 406, "not-acceptable");
        assertProblem(client.as(null).post(GATE, CSV, CSV, body), 401, "unauthorized");
        assertProblem(client.as(InMemoryWiring.AUDITOR_KEY).post(GATE, CSV, CSV, body), 403, "forbidden");
        byte[] huge = new byte[3 * 1024 * 1024];
        Arrays.fill(huge, (byte) 'a');
        assertProblem(client.post(GATE, CSV, CSV, huge), 400, "invalid-value");
    }

    private static byte[] concat(String first, byte[] middle, byte[] last) {
        byte[] head = first.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + middle.length + last.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(middle, 0, all, head.length, middle.length);
        System.arraycopy(last, 0, all, head.length + middle.length, last.length);
        return all;
    }
}
