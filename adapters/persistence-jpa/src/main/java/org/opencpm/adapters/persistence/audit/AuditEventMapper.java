package org.opencpm.adapters.persistence.audit;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.opencpm.adapters.persistence.JsonText;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;

/**
 * An {@link AuditEvent} as an {@code audit_event} row and back, exactly: times are already whole
 * milliseconds (the draft truncates them), nulls stay null, and the details map is written as a
 * JSON object of strings in key order and read back into the same map.
 */
final class AuditEventMapper {

    private AuditEventMapper() {
    }

    static AuditEventJpaEntity toEntity(AuditEvent e) {
        AuditEventJpaEntity row = new AuditEventJpaEntity();
        row.seq = e.seq();
        row.eventId = e.eventId();
        row.type = e.type().code();
        row.subjectId = e.subjectId();
        row.purpose = e.purpose();
        row.state = e.state();
        row.occurredAt = e.occurredAt().toEpochMilli();
        row.recordedAt = e.recordedAt().toEpochMilli();
        row.actor = e.actor();
        row.channel = e.channel();
        row.noticeCode = e.noticeCode();
        row.noticeVersion = e.noticeVersion();
        row.details = details(e.details());
        row.prevHash = e.prevHash();
        row.hash = e.hash();
        return row;
    }

    static AuditEvent toEvent(AuditEventJpaEntity row) {
        return new AuditEvent(row.seq, row.eventId, AuditEventType.parse(row.type, "type"), row.subjectId, row.purpose, row.state,
                Instant.ofEpochMilli(row.occurredAt), Instant.ofEpochMilli(row.recordedAt), row.actor, row.channel,
                row.noticeCode, row.noticeVersion, details(row.details), row.prevHash, row.hash);
    }

    static String details(Map<String, String> details) {
        JsonObjectBuilder object = JsonText.object();
        new TreeMap<>(details).forEach(object::add);
        return JsonText.write(object.build());
    }

    static Map<String, String> details(String json) {
        Map<String, String> details = new TreeMap<>();
        JsonText.readObject(json).forEach((key, value) -> details.put(key, ((JsonString) value).getString()));
        return details;
    }
}
