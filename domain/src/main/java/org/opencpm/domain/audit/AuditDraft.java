package org.opencpm.domain.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import org.opencpm.domain.Checks;

/**
 * An audit event before it joins the chain: everything but its sequence number and hashes.
 * Times are kept to the millisecond, the precision every supported database stores, so that an
 * event read back hashes exactly as it was written. Fields that do not apply are null.
 *
 * @param details further facts as text (action, previous state, method, notice hash…), sorted by key
 */
public record AuditDraft(
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
        Map<String, String> details) {

    public AuditDraft {
        Checks.requiredText(eventId, "eventId");
        Checks.required(type, "type");
        occurredAt = Checks.required(occurredAt, "occurredAt").truncatedTo(ChronoUnit.MILLIS);
        recordedAt = Checks.required(recordedAt, "recordedAt").truncatedTo(ChronoUnit.MILLIS);
        Checks.requiredText(actor, "actor");
        Checks.required(details, "details").forEach((k, v) -> {
            Objects.requireNonNull(k, "detail key");
            Objects.requireNonNull(v, "detail " + k);
        });
        details = Collections.unmodifiableSortedMap(new TreeMap<>(details));
    }

    /** A draft with a new random event id. */
    public static AuditDraft of(AuditEventType type, String subjectId, String purpose, String state, Instant occurredAt,
                                Instant recordedAt, String actor, String channel, String noticeCode,
                                String noticeVersion, Map<String, String> details) {
        return new AuditDraft(UUID.randomUUID().toString(), type, subjectId, purpose, state, occurredAt, recordedAt,
                actor, channel, noticeCode, noticeVersion, details);
    }
}
