package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.adapters.rest.Api.json;
import static org.opencpm.adapters.rest.Problems.assertProblem;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/decisions:filter} over HTTP: an audience in, one identifier per line, and the
 * answer as text (the allowed lines as sent), NDJSON (a verdict per line) or CSV; refusals before
 * the answer starts as problem+json, bad lines answered in their place.
 */
@HelidonTest
class AudienceFilterApiTest {

    private static final String FILTER = "api/v1/decisions:filter";
    private static final String TEXT = "text/plain";
    private static final String NDJSON = "application/x-ndjson";

    @Inject
    WebTarget target;

    private Api admin;
    private Api integrator;
    private StreamingClient client;
    private String granted;
    private String withdrawn;

    @BeforeEach
    void audience() {
        admin = new Api(target, InMemoryWiring.ADMIN_KEY);
        integrator = admin.as(InMemoryWiring.INTEGRATOR_KEY);
        client = new StreamingClient(target, InMemoryWiring.INTEGRATOR_KEY);
        Catalogue.define(admin);
        granted = Api.freshPhone();
        withdrawn = Api.freshPhone();
        assertThat(integrator.post("api/v1/consents", Catalogue.grant(granted, "'purpose': 'marketing-sms'")).status()).isEqualTo(201);
        assertThat(integrator.post("api/v1/consents", Catalogue.grant(withdrawn, "'purpose': 'marketing-sms'")).status()).isEqualTo(201);
        assertThat(integrator.post("api/v1/consents", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms',
                  'action': 'withdraw', 'channel': 'sms', 'method': 'sms_reply' }""".formatted(withdrawn))).status()).isEqualTo(201);
    }

    private HttpResponse<String> filter(String query, String accept, String body) {
        return client.post(FILTER + "?" + query, TEXT, accept, body);
    }

    @Test
    @DisplayName("Text: the allowed lines come back exactly as they were written, the others are left out")
    void text_answers_the_allowed_lines_as_written() {
        String stranger = Api.freshPhone();
        String body = "phone:" + granted + "\n"
                + "phone:" + withdrawn + "\r\n"
                + "phone:+86 " + granted.substring(0, 3) + "-" + granted.substring(3, 7) + "-" + granted.substring(7) + "\r\n"
                + "phone:" + stranger + "\n"
                + "phone:not-a-number\n"
                + "\n"
                + "  phone:" + granted; // no final line break
        HttpResponse<String> reply = filter("purpose=marketing-sms&channel=sms", TEXT, body);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(reply.body()).isEqualTo("phone:" + granted + "\n"
                + "phone:+86 " + granted.substring(0, 3) + "-" + granted.substring(3, 7) + "-" + granted.substring(7) + "\n"
                + "  phone:" + granted + "\n");
    }

    @Test
    @DisplayName("NDJSON: one verdict per line that is not blank, in order, with its line number, reason and subject")
    void ndjson_answers_every_line_in_order() {
        String body = "phone:" + granted + "\n\nphone:" + withdrawn + "\nphone:" + Api.freshPhone() + "\nphone:12\nno colon here\n"
                + "fax:123\n";
        HttpResponse<String> reply = filter("purpose=marketing-sms", NDJSON, body);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type").orElseThrow()).startsWith(NDJSON);
        List<JsonObject> verdicts = lines(reply.body());
        assertThat(verdicts).hasSize(6);
        assertThat(verdicts).extracting(v -> v.getInt("line") + " " + v.getBoolean("allowed") + " " + v.getString("reason"))
                .containsExactly("1 true granted", "3 false withdrawn", "4 false unknown_subject", "5 false invalid_identifier",
                        "6 false invalid_identifier", "7 false invalid_identifier");
        assertThat(verdicts.get(0).getString("identifier")).isEqualTo("phone:" + granted);
        assertThat(verdicts.get(0).getString("subjectId")).startsWith("sub_");
        assertThat(verdicts.get(2).containsKey("subjectId")).isFalse();
        assertThat(verdicts.get(3).getString("error")).contains("phone");
        assertThat(verdicts.get(4).getString("error")).contains("type:value");
        assertThat(verdicts.get(5).getString("error")).contains("fax");
    }

    @Test
    @DisplayName("CSV: a header row, then one row per line, quoted where RFC 4180 asks")
    void csv_answers_every_line_as_a_row() {
        HttpResponse<String> reply = filter("purpose=marketing-sms", "text/csv", "phone:" + granted + "\nemail:\"a,b\"@x\n");
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        String[] rows = reply.body().split("\r\n");
        assertThat(rows[0]).isEqualTo("line,identifier,allowed,reason,subjectId,error");
        assertThat(rows[1]).startsWith("1,phone:" + granted + ",true,granted,sub_").endsWith(",");
        assertThat(rows[2]).startsWith("2,\"email:\"\"a,b\"\"@x\",false,invalid_identifier,,");
        assertThat(rows).hasSize(3);
    }

    @Test
    @DisplayName("The channel, topic and recipient of the use decide as for a single decision")
    void usage_parameters_apply_to_every_line() {
        String subjectId = integrator.post("api/v1/subjects:lookup", json("{ 'identifiers': [{'type': 'phone', 'value': '%s'}] }"
                .formatted(granted))).json().getString("subjectId");
        assertThat(integrator.put("api/v1/subjects/" + subjectId + "/preferences", json("""
                { 'channels': {'sms': {'enabled': false}}, 'topics': {'promotions': false} }""")).status()).isEqualTo(200);
        assertThat(verdict("purpose=marketing-sms&channel=sms")).isEqualTo("false channel_disabled");
        assertThat(verdict("purpose=marketing-sms&channel=email&topic=promotions")).isEqualTo("false topic_disabled");
        assertThat(verdict("purpose=marketing-sms&channel=email")).isEqualTo("true granted");
    }

    private String verdict(String query) {
        HttpResponse<String> reply = filter(query, NDJSON, "phone:" + granted + "\n");
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        JsonObject v = lines(reply.body()).getFirst();
        return v.getBoolean("allowed") + " " + v.getString("reason");
    }

    @Test
    @DisplayName("Scoped identifiers: type:scope:value, or the scope parameter for lines that name none")
    void scoped_identifiers() {
        assertThat(integrator.post("api/v1/consents", json("""
                { 'subject': {'identifiers': [{'type': 'wechat_openid', 'value': 'oFilter_1', 'scope': 'wxapp1'}]},
                  'purpose': 'marketing-sms', 'action': 'grant', 'notice': {'code': 'privacy-policy', 'version': '2026-01'},
                  'channel': 'miniprogram', 'method': 'checkbox' }""")).status()).isEqualTo(201);
        String body = "wechat_openid:wxapp1:oFilter_1\nwechat_openid:wxapp2:oFilter_1\nwechat_openid:oFilter_1\n";
        assertThat(filter("purpose=marketing-sms", TEXT, body).body()).isEqualTo("wechat_openid:wxapp1:oFilter_1\n");
        assertThat(filter("purpose=marketing-sms&scope=wxapp1", TEXT, body).body())
                .isEqualTo("wechat_openid:wxapp1:oFilter_1\nwechat_openid:oFilter_1\n");
        List<JsonObject> verdicts = lines(filter("purpose=marketing-sms", NDJSON, body).body());
        assertThat(verdicts.get(2).getString("reason")).isEqualTo("invalid_identifier"); // an openid needs its app id
    }

    @Test
    @DisplayName("Refused before the answer starts, as problem+json: unknown purpose, bad parameters, media types, keys and roles")
    void refusals_before_the_answer() {
        String body = "phone:" + granted + "\n";
        assertProblem(filter("purpose=no-such-purpose", TEXT, body), 422, "unknown-purpose");
        assertProblem(filter("channel=sms", TEXT, body), 400, "invalid-value");
        assertProblem(filter("purpose=marketing-sms&chanel=sms", TEXT, body), 400, "invalid-value");
        assertProblem(filter("purpose=marketing-sms&purpose=marketing-sms", TEXT, body), 400, "invalid-value");
        assertProblem(filter("purpose=marketing-sms&channel=pigeon", TEXT, body), 400, "invalid-value");
        assertProblem(filter("purpose=marketing-sms&scope=a%20b", TEXT, body), 400, "invalid-value");
        assertProblem(filter("purpose=Bad%20Code", TEXT, body), 400, "invalid-value");
        assertProblem(client.post(FILTER + "?purpose=marketing-sms", "application/json", TEXT, "{\"phone\":\"x\"}"), 415, "unsupported-media-type");
        assertProblem(client.post(FILTER + "?purpose=marketing-sms", "text/plain; charset=GBK", TEXT, body), 415, "unsupported-media-type");
        assertProblem(client.post(FILTER + "?purpose=marketing-sms", TEXT, "application/json", body), 406, "not-acceptable");
        assertProblem(client.as(null).post(FILTER + "?purpose=marketing-sms", TEXT, TEXT, body), 401, "unauthorized");
        assertProblem(client.as("not-a-key").post(FILTER + "?purpose=marketing-sms", TEXT, TEXT, body), 401, "unauthorized");
        assertProblem(client.as(InMemoryWiring.AUDITOR_KEY).post(FILTER + "?purpose=marketing-sms", TEXT, TEXT, body), 403, "forbidden");
        assertThat(client.as(InMemoryWiring.ADMIN_KEY).post(FILTER + "?purpose=marketing-sms", TEXT, TEXT, body).body())
                .isEqualTo(body); // an admin may do everything
    }

    @Test
    @DisplayName("A body that is not lines of text is refused before the answer: a 10 MB line, binary bytes, GBK")
    void hostile_bodies_are_refused_before_the_answer() {
        byte[] huge = new byte[10 * 1024 * 1024];
        Arrays.fill(huge, (byte) '1');
        assertProblem(client.post(FILTER + "?purpose=marketing-sms", TEXT, TEXT, huge), 400, "invalid-request");
        byte[] binary = new byte[4096];
        new Random(13).nextBytes(binary);
        binary[0] = 'P';
        binary[1] = 'K';
        binary[2] = 3;
        binary[3] = 4;
        binary[4] = '\n';
        assertProblem(client.post(FILTER + "?purpose=marketing-sms", TEXT, TEXT, binary), 400, "invalid-request");
        byte[] gbk = "phone:张三\n".getBytes(Charset.forName("GBK"));
        HttpResponse<String> reply = client.post(FILTER + "?purpose=marketing-sms", TEXT, TEXT, gbk);
        assertProblem(reply, 400, "invalid-request");
        assertThat(reply.body()).contains("line 1 is not UTF-8");
    }

    @Test
    @DisplayName("After the first line, a line too long or not UTF-8 is answered in its place and the rest goes on")
    void bad_lines_later_are_answered_in_place() {
        byte[] body = concat(("phone:" + granted + "\n").getBytes(StandardCharsets.UTF_8),
                ("phone:" + "9".repeat(100_000) + "\n").getBytes(StandardCharsets.UTF_8),
                "phone:张三\n".getBytes(Charset.forName("GBK")),
                ("phone:" + granted + "\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> ndjson = client.post(FILTER + "?purpose=marketing-sms", TEXT, NDJSON, body);
        assertThat(ndjson.statusCode()).isEqualTo(200);
        List<JsonObject> verdicts = lines(ndjson.body());
        assertThat(verdicts).extracting(v -> v.getInt("line") + " " + v.getString("reason"))
                .containsExactly("1 granted", "2 invalid_identifier", "3 invalid_identifier", "4 granted");
        assertThat(verdicts.get(1).getString("error")).contains("longer than 4096 bytes");
        assertThat(verdicts.get(1).containsKey("identifier")).isFalse();
        assertThat(verdicts.get(2).getString("error")).contains("not UTF-8");
        HttpResponse<String> text = client.post(FILTER + "?purpose=marketing-sms", TEXT, TEXT, body);
        assertThat(text.body()).isEqualTo("phone:" + granted + "\nphone:" + granted + "\n");
    }

    @Test
    @DisplayName("Streaming: the answers to the lines sent so far arrive while the client has not finished sending")
    void answers_arrive_before_the_body_ends() throws Exception {
        try (ChunkedExchange exchange = new ChunkedExchange(client.port(), FILTER + "?purpose=marketing-sms",
                InMemoryWiring.INTEGRATOR_KEY, TEXT, NDJSON)) {
            exchange.send("phone:" + granted + "\nphone:" + withdrawn + "\n");
            String first = exchange.readUntil("\"reason\":\"withdrawn\"");
            assertThat(first).startsWith("HTTP/1.1 200").contains("\"line\":1,").doesNotContain("\"line\":3,");
            exchange.send("phone:" + granted + "\n");
            assertThat(exchange.readUntil("\"line\":3,")).contains("\"line\":3,\"identifier\":\"phone:" + granted + "\",\"allowed\":true");
            exchange.finish();
            assertThat(exchange.readToEnd()).endsWith("\r\n0\r\n\r\n");
        }
    }

    @Test
    @DisplayName("An empty body gets an empty answer (CSV: the header alone)")
    void empty_body() {
        assertThat(filter("purpose=marketing-sms", TEXT, "").body()).isEmpty();
        assertThat(filter("purpose=marketing-sms", NDJSON, "").body()).isEmpty();
        assertThat(filter("purpose=marketing-sms", "text/csv", "").body()).isEqualTo("line,identifier,allowed,reason,subjectId,error\r\n");
    }

    static List<JsonObject> lines(String ndjson) {
        return ndjson.lines().map(line -> Json.createReader(new StringReader(line)).readObject()).toList();
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
