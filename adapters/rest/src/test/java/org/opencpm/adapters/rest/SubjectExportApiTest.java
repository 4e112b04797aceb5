package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.client.WebTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.LogRecord;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.in.SubjectExport;
import org.opencpm.application.port.in.SubjectExportSink;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.CapturedLog;

/** A person's export over HTTP (PIPL Art. 45): the whole document, who may have it, and refusals. */
@HelidonTest
class SubjectExportApiTest {

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

    private String grantedPerson(String phone) {
        Api.Reply granted = integrator.post("api/v1/consents", Catalogue.grant(phone, "'purpose': 'marketing-sms'"));
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        return granted.json().getString("subjectId");
    }

    private static JsonObject parse(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    @Test
    @DisplayName("PIPL Art. 45: the export is one JSON file with the phone in clear, the notice text and hash, the evidence ip, receipts, deliveries")
    void an_integrator_downloads_everything_held_about_the_person() {
        String phone = Api.freshPhone();
        String subjectId = grantedPerson(phone);

        Api.Reply reply = integrator.get("api/v1/subjects/" + subjectId + "/export");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.response().getHeaderString("Cache-Control")).isEqualTo("no-store");
        assertThat(reply.response().getHeaderString("Content-Disposition"))
                .isEqualTo("attachment; filename=\"opencpm-export-" + subjectId + ".json\"");
        JsonObject doc = parse(reply.body());
        assertThat(doc.getString("subjectId")).isEqualTo(subjectId);
        assertThat(doc.getString("format")).isEqualTo(SubjectExport.FORMAT);
        assertThat(doc.getJsonArray("identifiers")).singleElement().satisfies(id -> {
            assertThat(id.asJsonObject().getString("type")).isEqualTo("phone");
            assertThat(id.asJsonObject().getString("value")).as("normalised").isEqualTo("+86" + phone);
        });
        assertThat(doc.getJsonArray("consents")).singleElement()
                .satisfies(c -> assertThat(c.asJsonObject().getString("state")).isEqualTo("granted"));
        assertThat(doc.getJsonObject("preferences").getJsonObject("topics")).isEmpty();
        JsonObject grant = doc.getJsonArray("history").getJsonObject(0);
        assertThat(grant.getString("type")).isEqualTo("consent_recorded");
        assertThat(grant.getString("personalData")).isEqualTo("readable");
        assertThat(grant.getJsonObject("personal").getString("ip")).isEqualTo("203.0.113.9");
        assertThat(grant.getJsonObject("details")).doesNotContainKey("sealed").containsKey("noticeHash");
        assertThat(grant.getString("hash")).hasSize(64);
        assertThat(doc.getJsonArray("history").getJsonObject(doc.getJsonArray("history").size() - 1).getString("type"))
                .isEqualTo("subject_exported");
        assertThat(doc.getJsonArray("notices")).singleElement().satisfies(n -> {
            assertThat(n.asJsonObject().getString("code")).isEqualTo("privacy-policy");
            assertThat(n.asJsonObject().getString("content")).isEqualTo("我们如何收集和使用您的个人信息……");
            assertThat(n.asJsonObject().getString("contentHash")).isEqualTo(grant.getJsonObject("details").getString("noticeHash"));
        });
        assertThat(doc.getJsonArray("receipts")).singleElement().satisfies(r -> {
            assertThat(r.asJsonObject().getString("receiptId")).isEqualTo(grant.getString("eventId"));
            assertThat(r.asJsonObject().getString("auditHash")).isEqualTo(grant.getString("hash"));
        });
        assertThat(doc.getJsonArray("deliveries")).singleElement().satisfies(d -> {
            assertThat(d.asJsonObject().getString("connector")).isEqualTo(FakeConnectorRuntime.CONNECTOR);
            assertThat(d.asJsonObject().getString("purpose")).isEqualTo("marketing-sms");
            assertThat(d.asJsonObject().getString("state")).isEqualTo("granted");
        });
    }

    @Test
    @DisplayName("PIPL Art. 6: identifiers in clear go to integrators and admins, not to auditors nor to anyone without a key")
    void only_integrators_and_admins_may_export() {
        String subjectId = grantedPerson(Api.freshPhone());
        String path = "api/v1/subjects/" + subjectId + "/export";

        assertThat(admin.get(path).status()).isEqualTo(200);
        Api.Reply refused = auditor.get(path);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(admin.as(null).get(path).status()).isEqualTo(401);
    }

    @Test
    void an_unknown_subject_is_404_and_a_malformed_id_400_and_neither_writes_anything() {
        int events = InMemoryWiring.CPM.auditTrail.all().size();

        Api.Reply unknown = integrator.get("api/v1/subjects/" + SubjectId.newId().value() + "/export");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().getString("code")).isEqualTo("subject-not-found");

        for (String hostile : List.of("not%20an%20id", "x".repeat(65), "%27%3B--", "%E4%BD%A0%E5%A5%BD", "..%2F..%2Fetc")) {
            Api.Reply malformed = integrator.get("api/v1/subjects/" + hostile + "/export");
            assertThat(malformed.status()).as(hostile).isIn(400, 404);
            assertThat(malformed.contentType()).as(hostile).startsWith("application/problem+json");
        }
        assertThat(integrator.get("api/v1/subjects/" + "x".repeat(65) + "/export").status()).isEqualTo(400);
        assertThat(InMemoryWiring.CPM.auditTrail.all()).as("nothing recorded").hasSize(events);
    }

    @Test
    @DisplayName("a failure after the document began leaves it unfinished, with a line no parser accepts, and logs no identifier")
    void a_failure_half_way_never_looks_like_a_complete_document() {
        SubjectId subject = SubjectId.newId();
        SubjectExport failing = new SubjectExport() {
            @Override
            public SubjectId subject() {
                return subject;
            }

            @Override
            public Instant exportedAt() {
                return Instant.EPOCH;
            }

            @Override
            public void writeTo(SubjectExportSink sink) {
                sink.begin(subject, Instant.EPOCH);
                sink.identifiers(Stream.of(Identifier.phone("13912345678")));
                sink.consents(Stream.empty());
                sink.preferences(Optional.empty());
                sink.history(Stream.generate(() -> {
                    throw new IllegalStateException("database gone while reading 13912345678");
                }));
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<LogRecord> logged;
        try (CapturedLog log = CapturedLog.of(SubjectExportResource.class)) {
            logged = log.records();
            assertThatThrownBy(() -> SubjectExportResource.write(failing, out)).isInstanceOf(IOException.class);
        }

        String body = out.toString(StandardCharsets.UTF_8);
        assertThat(body).contains("\"identifiers\"").endsWith(SubjectExportResource.CUT_OFF);
        assertThatThrownBy(() -> parse(body)).isInstanceOf(JsonParsingException.class);
        assertThat(logged).isNotEmpty().allSatisfy(record -> {
            String text = new java.text.MessageFormat(record.getMessage()).format(record.getParameters());
            assertThat(text).doesNotContain("13912345678").doesNotContain(subject.value());
            assertThat(record.getThrown()).isNull();
        });
    }

    @Test
    void an_export_that_completes_parses_and_is_closed() {
        String subjectId = grantedPerson(Api.freshPhone());
        String body = integrator.get("api/v1/subjects/" + subjectId + "/export").body();
        assertThat(parse(body).getValueType()).isEqualTo(JsonValue.ValueType.OBJECT);
        assertThat(body).doesNotContain(SubjectExportResource.CUT_OFF.strip());
    }
}
