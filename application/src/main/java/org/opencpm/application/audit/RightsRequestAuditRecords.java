package org.opencpm.application.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opencpm.application.port.in.Actor;
import org.opencpm.domain.audit.AuditDraft;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.rights.RightsRequest;
import org.opencpm.domain.rights.RightsRequestStatus;

/**
 * The audit events of a rights request, in the person's chain (by subject id: never an
 * identifier value), so that an auditor can see each request was verified and answered in time
 * (PIPL Art. 50; GB/T 35273 §8.7). The actor is the API key's id. Free text (note, reason, who
 * verified) is the person's data: sealed under their key, erased with it.
 */
public final class RightsRequestAuditRecords {

    private RightsRequestAuditRecords() {
    }

    public static AuditDraft received(RightsRequest r, Actor actor) {
        Map<String, String> details = base(r);
        details.put("verification", r.verification().method().code());
        details.put("dueAt", r.dueAt().toString());
        Map<String, String> personal = new LinkedHashMap<>();
        r.verification().operator().ifPresent(operator -> personal.put("verifiedBy", operator));
        r.note().ifPresent(note -> personal.put("note", note));
        return draft(AuditEventType.RIGHTS_REQUEST_RECEIVED, r, r.receivedAt(), actor, details).withPersonal(personal);
    }

    /** A move of its state machine, at {@code at}. */
    public static AuditDraft moved(RightsRequest r, Instant at, Actor actor) {
        Map<String, String> details = base(r);
        details.put("dueAt", r.dueAt().toString());
        details.put("onTime", Boolean.toString(!at.isAfter(r.dueAt())));
        Map<String, String> personal = new LinkedHashMap<>();
        r.resolution().ifPresent(text -> personal.put(r.status() == RightsRequestStatus.REJECTED
                ? "reason" : "note", text));
        AuditEventType type = switch (r.status()) {
            case IN_PROGRESS -> AuditEventType.RIGHTS_REQUEST_STARTED;
            case COMPLETED -> AuditEventType.RIGHTS_REQUEST_COMPLETED;
            case REJECTED -> AuditEventType.RIGHTS_REQUEST_REJECTED;
            case RECEIVED -> throw new IllegalArgumentException("a received request has not moved");
        };
        return draft(type, r, at, actor, details).withPersonal(personal);
    }

    private static Map<String, String> base(RightsRequest r) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("requestId", r.id());
        details.put("requestType", r.type().code());
        return details;
    }

    private static AuditDraft draft(AuditEventType type, RightsRequest r, Instant at, Actor actor, Map<String, String> details) {
        return AuditDraft.of(type, r.subject().value(), null, r.status().code(), at, at, actor.id(), r.channel().code(), null,
                null, details);
    }
}
