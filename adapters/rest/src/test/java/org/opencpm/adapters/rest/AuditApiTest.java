package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@HelidonTest
class AuditApiTest {

    @Inject
    WebTarget target;

    private Api auditor;
    private String phone;

    @BeforeEach
    void someHistory() {
        Api admin = new Api(target, InMemoryWiring.ADMIN_KEY);
        Catalogue.define(admin);
        phone = Api.freshPhone();
        admin.as(InMemoryWiring.INTEGRATOR_KEY).post("api/v1/consents", Catalogue.grant(phone, "'purpose': 'marketing-sms'"));
        auditor = admin.as(InMemoryWiring.AUDITOR_KEY);
    }

    @Test
    @DisplayName("PIPL Art. 54–56: the audit trail exports as NDJSON, oldest first, each line linked to the one before")
    void the_trail_exports_as_ndjson() {
        Api.Reply reply = auditor.get("api/v1/audit/events", "application/x-ndjson");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/x-ndjson");
        List<JsonObject> events = reply.body().lines().map(line -> Json.createReader(new StringReader(line)).readObject())
                .filter(line -> !line.containsKey("kind")).toList(); // checkpoint and key lines follow the events
        assertThat(events).isNotEmpty();
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).getString("prevHash")).isEqualTo(events.get(i - 1).getString("hash"));
            assertThat(events.get(i).getJsonNumber("seq").longValue()).isEqualTo(events.get(i - 1).getJsonNumber("seq").longValue() + 1);
        }
        assertThat(reply.body()).doesNotContain(phone);
    }

    @Test
    void the_trail_exports_as_csv_with_a_header() {
        Api.Reply reply = auditor.get("api/v1/audit/events", "text/csv");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("text/csv");
        assertThat(reply.body().lines().findFirst()).contains(
                "seq,eventId,type,subjectId,purpose,state,occurredAt,recordedAt,actor,channel,noticeCode,noticeVersion,details,prevHash,hash");
    }

    @Test
    void a_time_range_that_is_not_a_time_is_named() {
        Api.Reply reply = Api.reply(target.path("api/v1/audit/events").queryParam("from", "yesterday").request()
                .header("Authorization", "Bearer " + InMemoryWiring.AUDITOR_KEY).accept("application/x-ndjson").get());
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("from");
    }

    @Test
    void cells_that_a_spreadsheet_would_run_are_defused() {
        assertThat(AuditResource.csvField("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(AuditResource.csvField("a,b")).isEqualTo("\"a,b\"");
        assertThat(AuditResource.csvField(null)).isEmpty();
    }
}
