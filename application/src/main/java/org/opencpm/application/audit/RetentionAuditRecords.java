package org.opencpm.application.audit;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.opencpm.application.port.in.Actor;
import org.opencpm.domain.audit.AuditDraft;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/**
 * The audit event of a person found erasure-due for retention (PIPL Art. 19, 47 (2)): when they
 * became due (its {@code occurredAt}), on which purposes, and whether OpenCPM erases them or leaves
 * that to the operator. It names only purpose codes: no personal data.
 */
public final class RetentionAuditRecords {

    /** The detail {@code reason} of a retention report, to tell it from any other erasure-due event. */
    public static final String RETENTION = "retention";

    private RetentionAuditRecords() {
    }

    public static AuditDraft erasureDue(SubjectId subject, Instant dueSince, Collection<PurposeCode> purposes, boolean erasing,
                                        Instant recordedAt) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("reason", RETENTION);
        details.put("purposes", purposes.stream().map(PurposeCode::value).sorted().collect(Collectors.joining(",")));
        details.put("erase", Boolean.toString(erasing));
        return AuditDraft.of(AuditEventType.ERASURE_DUE, subject.value(), null, null, dueSince, recordedAt, Actor.SYSTEM.id(),
                null, null, null, details);
    }

    /** Whether {@code event} reports its subject erasure-due for retention since {@code dueSince}. */
    public static boolean reportsDueSince(AuditEvent event, Instant dueSince) {
        return event.type() == AuditEventType.ERASURE_DUE && RETENTION.equals(event.detail("reason"))
                && event.occurredAt().equals(dueSince);
    }
}
