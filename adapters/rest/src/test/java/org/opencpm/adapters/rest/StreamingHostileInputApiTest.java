package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.adapters.rest.Problems.assertProblem;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencpm.testfixtures.CapturedLog;

/**
 * A reviewer's hostile inputs for the two streaming endpoints over real HTTP: line endings, a BOM,
 * NUL bytes, rows of exactly the limit, a quoted line break at the reader's buffer boundary,
 * header-only bodies, odd parameters. Never a 5xx, never an identifier in a problem or a log line.
 */
@HelidonTest
class StreamingHostileInputApiTest {

    private static final String CSV = "text/csv";
    private static final String GATE = "api/v1/datasets:gate?purpose=marketing-sms&subjectColumn=mobile&idType=phone";
    private static final String FILTER = "api/v1/decisions:filter?purpose=marketing-sms";

    @Inject
    WebTarget target;

    private StreamingClient client;
    private String granted;
    private String stranger;
    private CapturedLog log;

    @BeforeEach
    void dataset() {
        Api admin = new Api(target, InMemoryWiring.ADMIN_KEY);
        Catalogue.define(admin);
        client = new StreamingClient(target, InMemoryWiring.INTEGRATOR_KEY);
        granted = Api.freshPhone();
        stranger = Api.freshPhone();
        assertThat(admin.as(InMemoryWiring.INTEGRATOR_KEY).post("api/v1/consents", Catalogue.grant(granted, "'purpose': 'marketing-sms'"))
                .status()).isEqualTo(201);
        log = CapturedLog.everything();
    }

    @AfterEach
    void quiet() {
        log.close();
        for (LogRecord record : log.records()) {
            String text = String.valueOf(record.getMessage()) + " " + record.getThrown();
            assertThat(text).as("a log line").doesNotContain(granted, stranger);
        }
    }

    private HttpResponse<String> gate(String query, byte[] body) {
        HttpResponse<String> reply = client.post(GATE + query, CSV, CSV, body);
        assertThat(reply.statusCode()).as(reply.body()).isLessThan(500);
        if (reply.statusCode() >= 400) {
            assertThat(reply.body()).as("a problem names no identifier").doesNotContain(granted, stranger);
        }
        return reply;
    }

    private HttpResponse<String> filter(String query, String body) {
        HttpResponse<String> reply = client.post(FILTER + query, "text/plain", "text/plain", body);
        assertThat(reply.statusCode()).as(reply.body()).isLessThan(500);
        if (reply.statusCode() >= 400) {
            assertThat(reply.body()).as("a problem names no identifier").doesNotContain(granted, stranger);
        }
        return reply;
    }

    private HttpResponse<String> gate(String query, String body) {
        return gate(query, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void crlf_and_lf_give_the_same_answer() {
        String lf = "id,mobile\n1," + granted + "\n2," + stranger + "\n";
        assertThat(gate("", lf).body()).isEqualTo(gate("", lf.replace("\n", "\r\n")).body()).isEqualTo("id,mobile\r\n1," + granted + "\r\n");
    }

    @Test
    void a_bom_before_the_header_is_not_part_of_the_first_column_name() {
        String body = "\uFEFFmobile,id\n" + granted + ",1\n";
        HttpResponse<String> reply = gate("", body);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("mobile,id\r\n" + granted + ",1\r\n");
    }

    @Test
    void a_nul_byte_in_a_row_is_never_a_5xx_and_the_row_is_not_shared_as_someone_else() {
        HttpResponse<String> reply = gate("", "id,mobile\n1," + granted + "\u0000\n2,\u0000\n");
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).doesNotContain("2,");
        HttpResponse<String> filtered = client.post(FILTER, "text/plain", "application/x-ndjson", "phone:" + granted + "\nphone:1\u00002\n");
        assertThat(filtered.statusCode()).as(filtered.body()).isEqualTo(200);
        assertThat(filtered.body()).contains("\\u0000").doesNotContain("\u0000");
    }

    @Test
    void a_row_of_exactly_the_limit_is_read_and_one_byte_more_is_not_shared() {
        int limit = DatasetGateResource.MAX_RECORD_BYTES;
        String prefix = "1," + granted + ",";
        String exact = prefix + "x".repeat(limit - prefix.length());
        String over = prefix + "x".repeat(limit - prefix.length() + 1);
        HttpResponse<String> reply = gate("", "id,mobile,note\r\n" + exact + "\r\n" + over + "\r\n2," + granted + ",end\r\n");
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("id,mobile,note\r\n" + exact + "\r\n2," + granted + ",end\r\n");
    }

    @Test
    void a_quoted_line_break_across_the_readers_buffer_boundary_stays_in_its_field() {
        for (int shift = -3; shift <= 3; shift++) {
            String header = "id,mobile,note\n";
            String pad = "p".repeat(64 * 1024 - header.length() - 2 - ("1," + granted + ",\"").length() + shift);
            String row = "1," + granted + ",\"" + pad + "\r\nsecond line\"\n";
            HttpResponse<String> reply = gate("", header + row + "2," + stranger + ",x\n");
            assertThat(reply.statusCode()).isEqualTo(200);
            assertThat(reply.body()).as("shift %d", shift).isEqualTo("id,mobile,note\r\n1," + granted + ",\"" + pad + "\r\nsecond line\"\r\n");
        }
    }

    @Test
    void a_header_only_body_is_answered_with_the_header() {
        assertThat(gate("", "id,mobile\n").body()).isEqualTo("id,mobile\r\n");
        assertThat(gate("", "id,mobile").body()).isEqualTo("id,mobile\r\n");
        assertThat(gate("&mode=deidentify", "\n\nid,mobile\r\n\r\n").body()).isEqualTo("id,mobile\r\n");
    }

    @Test
    void odd_parameters_are_refused_before_the_answer() {
        String body = "id,mobile,name\n1," + granted + ",Wang\n2," + stranger + ",Li\n";
        assertProblem(gate("", "id,name\n1,x\n"), 400, "invalid-value");
        assertProblem(gate("&mode=DEIDENTIFY", body), 400, "invalid-value");
        assertProblem(gate("&mode=drop&mode=drop", body), 400, "invalid-value");
        assertProblem(client.post(GATE + "&subjectColumn=mobile", CSV, CSV, body), 400, "invalid-value");
        assertProblem(gate("&idType=PHONE&idType=phone", body), 400, "invalid-value");
        assertProblem(gate("&mode=deidentify&pii=", body), 400, "invalid-value");
        assertProblem(gate("&mode=deidentify&pii=name,,id", body), 400, "invalid-value");
        assertProblem(gate("&mode=deidentify&pii=3", body), 400, "invalid-value");
        assertProblem(gate("&pii=" + stranger + "&mode=deidentify", body), 400, "invalid-value");
        assertProblem(client.post("api/v1/datasets:gate?purpose=marketing-sms&subjectColumn=" + stranger + "&idType=phone", CSV, CSV,
                body), 400, "invalid-value");
        assertProblem(gate("&" + stranger + "=1", body), 400, "invalid-value"); // a phone sent as a parameter name
        assertProblem(filter("&" + stranger + "=1", "phone:" + granted + "\n"), 400, "invalid-value");
        assertProblem(client.post(FILTER + "&purpose=marketing-sms", "text/plain", "text/plain", "phone:" + granted + "\n"), 400,
                "invalid-value");
    }

    @Test
    void pii_naming_the_subject_column_or_a_column_twice_still_hides_the_identifier() {
        String body = "id,mobile,name\n2," + stranger + ",Li\n";
        for (String pii : new String[] {"mobile", "name,name", "mobile,name"}) {
            HttpResponse<String> reply = gate("&mode=deidentify&pii=" + pii, body);
            assertThat(reply.statusCode()).as(pii + ": " + reply.body()).isEqualTo(200);
            assertThat(reply.body()).as(pii).doesNotContain(stranger).startsWith("id,mobile,name\r\n2,");
        }
    }
}
