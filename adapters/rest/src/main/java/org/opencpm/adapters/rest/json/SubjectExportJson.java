package org.opencpm.adapters.rest.json;

import jakarta.json.stream.JsonGenerator;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.opencpm.application.port.in.ConsentReceipt;
import org.opencpm.application.port.in.ExportedEvent;
import org.opencpm.application.port.in.SubjectConsents;
import org.opencpm.application.port.in.SubjectExport;
import org.opencpm.application.port.in.SubjectExportSink;
import org.opencpm.application.port.out.Delivery;
import org.opencpm.application.port.out.KeptAttachment;
import org.opencpm.domain.audit.AuditDraft;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;

/**
 * A person's export as one JSON document, written element by element with a {@link JsonGenerator}
 * as the use case reads them: {@code { format, subjectId, exportedAt, identifiers, consents,
 * preferences, history, notices, receipts, attachments, deliveries }} (API.md's shape, extended). Nothing is
 * kept but the generator's buffer. The root object is closed only by {@link #end()}: a document
 * whose writing failed stays unclosed, so that no parser takes it for a complete one.
 */
public final class SubjectExportJson implements SubjectExportSink {

    private final JsonGenerator json;

    public SubjectExportJson(JsonGenerator json) {
        this.json = json;
    }

    @Override
    public void begin(SubjectId subject, Instant exportedAt) {
        json.writeStartObject()
                .write("format", SubjectExport.FORMAT)
                .write("subjectId", subject.value())
                .write("exportedAt", ApiJson.time(exportedAt));
    }

    @Override
    public void identifiers(Stream<Identifier> identifiers) {
        json.writeStartArray("identifiers");
        identifiers.forEach(id -> {
            json.writeStartObject().write("type", id.type().code()).write("value", id.value());
            id.scope().ifPresent(scope -> json.write("scope", scope));
            json.writeEnd();
        });
        json.writeEnd();
    }

    @Override
    public void consents(Stream<SubjectConsents.Entry> consents) {
        json.writeStartArray("consents");
        consents.forEach(entry -> json.write(ApiJson.consent(entry)));
        json.writeEnd();
    }

    @Override
    public void preferences(Optional<Preferences> preferences) {
        json.write("preferences", ApiJson.preferences(preferences.orElse(Preferences.none())));
    }

    /**
     * Each event with its details but the sealed one (ciphertext is no data to the person), its
     * personal data opened ({@code personal}, and {@code personalData}: readable, none or erased),
     * and the hashes that let the person check it against the published chain.
     */
    @Override
    public void history(Stream<ExportedEvent> events) {
        json.writeStartArray("history");
        events.forEach(exported -> {
            AuditEvent e = exported.event();
            json.writeStartObject().write("seq", e.seq()).write("eventId", e.eventId()).write("type", e.type().code());
            write("purpose", e.purpose());
            write("state", e.state());
            json.write("occurredAt", ApiJson.time(e.occurredAt())).write("recordedAt", ApiJson.time(e.recordedAt()))
                    .write("actor", e.actor());
            write("channel", e.channel());
            write("noticeCode", e.noticeCode());
            write("noticeVersion", e.noticeVersion());
            Map<String, String> details = new TreeMap<>(e.details());
            details.remove(AuditDraft.SEALED);
            writeMap("details", details);
            json.write("personalData", exported.status().name().toLowerCase(Locale.ROOT));
            writeMap("personal", new TreeMap<>(exported.personal()));
            json.write("prevHash", e.prevHash()).write("hash", e.hash()).writeEnd();
        });
        json.writeEnd();
    }

    @Override
    public void notices(Stream<Notice> notices) {
        json.writeStartArray("notices");
        notices.forEach(notice -> json.write(ApiJson.notice(notice)));
        json.writeEnd();
    }

    @Override
    public void receipts(Stream<ConsentReceipt> receipts) {
        json.writeStartArray("receipts");
        receipts.forEach(receipt -> json.write(ApiJson.receipt(receipt)));
        json.writeEnd();
    }

    /**
     * The evidence files kept from the person's consent events, by the hash their events name
     * ({@code sha256:<hex>}), with format, size and when each was first kept; not their bytes.
     */
    @Override
    public void attachments(Stream<KeptAttachment> attachments) {
        json.writeStartArray("attachments");
        attachments.forEach(kept -> json.writeStartObject().write("sha256", kept.hash().tagged())
                .write("mediaType", kept.mediaType().value()).write("size", kept.size())
                .write("storedAt", ApiJson.time(kept.storedAt())).writeEnd());
        json.writeEnd();
    }

    /**
     * Which connector was sent what and when: the change ({@code kind}, {@code purpose}, the
     * consent {@code state} sent, {@code erasureDue}) and how far it got ({@code status},
     * {@code attempts}, {@code deliveredAt}). The platform's last error is not the person's data
     * and is left out.
     */
    @Override
    public void deliveries(Stream<Delivery> deliveries) {
        json.writeStartArray("deliveries");
        deliveries.forEach(d -> {
            json.writeStartObject().write("connector", d.connectorId())
                    .write("kind", d.change().kind().name().toLowerCase(Locale.ROOT));
            d.change().purpose().ifPresent(p -> json.write("purpose", p.value()));
            d.change().state().ifPresent(s -> json.write("state", s.code()));
            json.write("version", d.change().version()).write("erasureDue", d.change().erasureDue())
                    .write("auditEventId", d.change().auditEventId())
                    .write("status", d.status().code()).write("attempts", d.attempts())
                    .write("createdAt", ApiJson.time(d.createdAt()));
            d.deliveredAt().ifPresent(at -> json.write("deliveredAt", ApiJson.time(at)));
            json.writeEnd();
        });
        json.writeEnd();
    }

    @Override
    public void end() {
        json.writeEnd();
        json.flush();
    }

    private void write(String name, String value) {
        if (value != null) {
            json.write(name, value);
        }
    }

    private void writeMap(String name, Map<String, String> values) {
        json.writeStartObject(name);
        values.forEach(json::write);
        json.writeEnd();
    }
}
