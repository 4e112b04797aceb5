package org.opencpm.application.audit;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.opencpm.application.port.out.AuditTrail;
import org.opencpm.domain.audit.AuditDraft;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditHead;
import org.opencpm.domain.audit.AuditSelection;
import org.opencpm.domain.subject.SubjectId;

/**
 * The audit trail every service appends to: seals each draft's personal data under its subject's
 * key ({@link PersonalData}) before the stored trail chains it, so that no service can put a
 * person's data into the chain in clear. Reading is the stored trail's, sealed details as they are.
 */
public final class SealingAuditTrail implements AuditTrail {

    private final AuditTrail stored;
    private final PersonalData personal;

    public SealingAuditTrail(AuditTrail stored, PersonalData personal) {
        this.stored = stored;
        this.personal = personal;
    }

    @Override
    public AuditEvent append(AuditDraft draft) {
        return stored.append(personal.seal(draft));
    }

    @Override
    public Optional<AuditHead> lockedHead() {
        return stored.lockedHead();
    }

    /** Stored as they are: they were chained from drafts this trail sealed. */
    @Override
    public void appendChained(List<AuditEvent> events) {
        stored.appendChained(events);
    }

    @Override
    public Stream<AuditEvent> events(AuditSelection selection) {
        return stored.events(selection);
    }

    @Override
    public Stream<AuditEvent> eventsOf(SubjectId subject) {
        return stored.eventsOf(subject);
    }

    @Override
    public Optional<AuditEvent> find(String eventId) {
        return stored.find(eventId);
    }

    @Override
    public Optional<AuditHead> head() {
        return stored.head();
    }
}
