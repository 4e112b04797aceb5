package org.opencpm.domain.audit;

import java.time.Instant;
import java.util.Map;
import org.opencpm.domain.Checks;

/**
 * One link of the audit chain: a recorded fact, its place ({@link #seq()}, from 1, no gaps), the
 * hash of the event before it and its own hash over {@link CanonicalForm its canonical form}.
 * Fields that do not apply to the event's type are null.
 */
public record AuditEvent(
        long seq,
        String eventId,
        AuditEventType type,
        String subjectId,
        String purpose,
        String state,
        Instant occurredAt,
        Instant recordedAt,
        String actor,
        String channel,
        String noticeCode,
        String noticeVersion,
        Map<String, String> details,
        String prevHash,
        String hash) {

    public AuditEvent {
        Checks.required(type, "type");
        Checks.required(occurredAt, "occurredAt");
        Checks.required(recordedAt, "recordedAt");
        details = Map.copyOf(Checks.required(details, "details"));
        Checks.required(prevHash, "prevHash");
        Checks.required(hash, "hash");
    }

    /** The value of a detail, or null. */
    public String detail(String key) {
        return details.get(key);
    }
}
