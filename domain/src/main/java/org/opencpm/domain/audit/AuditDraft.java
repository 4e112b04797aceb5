package org.opencpm.domain.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.opencpm.domain.Checks;
import org.opencpm.domain.TimeOrderedUuid;

/**
 * An audit event before it joins the chain: everything but its sequence number and hashes.
 * Times are kept to the millisecond, the precision every supported database stores, so that an
 * event read back hashes exactly as it was written. Fields that do not apply are null.
 *
 * <p>The person's own data that an event records — evidence (ip, user agent, free text, the
 * operator who took it), preferences, free text of a rights request, identifier hashes — goes in
 * {@link #personal()}, never in {@link #details()}: before the event joins the chain it is
 * encrypted under a key of that person alone into the one detail {@value #SEALED}, which the hash
 * covers as it covers any other detail. Erasure destroys the key (crypto-shredding, PIPL Art. 47):
 * the personal data becomes unrecoverable while every hash of the chain still verifies.
 * {@link AuditChain#append} refuses a draft whose personal data is still in clear.
 *
 * @param details  further facts as text (action, previous state, method, notice hash…), sorted by key
 * @param personal the person's data, in clear until {@link #sealedAs sealed}; sorted by key
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
        Map<String, String> details,
        Map<String, String> personal) {

    /** The detail that holds an event's personal data, encrypted under its subject's key. */
    public static final String SEALED = "sealed";

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
        Checks.required(personal, "personal").forEach((k, v) -> {
            Objects.requireNonNull(k, "personal key");
            Objects.requireNonNull(v, "personal " + k);
        });
        personal = Collections.unmodifiableSortedMap(new TreeMap<>(personal));
        if (!personal.isEmpty() && subjectId == null) {
            throw new IllegalArgumentException("personal data belongs to a subject: an event without one cannot carry it");
        }
        if (details.containsKey(SEALED) && !personal.isEmpty()) {
            throw new IllegalArgumentException("a draft is either sealed or carries its personal data in clear, not both");
        }
    }

    /** A draft without personal data. */
    public AuditDraft(String eventId, AuditEventType type, String subjectId, String purpose, String state, Instant occurredAt,
                      Instant recordedAt, String actor, String channel, String noticeCode, String noticeVersion,
                      Map<String, String> details) {
        this(eventId, type, subjectId, purpose, state, occurredAt, recordedAt, actor, channel, noticeCode, noticeVersion,
                details, Map.of());
    }

    /** This draft with {@code data} as its personal data (added to what it had). */
    public AuditDraft withPersonal(Map<String, String> data) {
        Map<String, String> all = new TreeMap<>(personal);
        all.putAll(data);
        return new AuditDraft(eventId, type, subjectId, purpose, state, occurredAt, recordedAt, actor, channel, noticeCode,
                noticeVersion, details, all);
    }

    /** This draft with its personal data replaced by {@code sealed}, their encryption under the subject's key. */
    public AuditDraft sealedAs(String sealed) {
        Checks.requiredText(sealed, "sealed");
        Map<String, String> withSealed = new TreeMap<>(details);
        withSealed.put(SEALED, sealed);
        return new AuditDraft(eventId, type, subjectId, purpose, state, occurredAt, recordedAt, actor, channel, noticeCode,
                noticeVersion, withSealed, Map.of());
    }

    /** A draft with a new event id, time-ordered ({@link TimeOrderedUuid}): the unique index on event ids is appended to, not written all over. */
    public static AuditDraft of(AuditEventType type, String subjectId, String purpose, String state, Instant occurredAt,
                                Instant recordedAt, String actor, String channel, String noticeCode,
                                String noticeVersion, Map<String, String> details) {
        return new AuditDraft(TimeOrderedUuid.next().toString(), type, subjectId, purpose, state, occurredAt, recordedAt,
                actor, channel, noticeCode, noticeVersion, details);
    }
}
