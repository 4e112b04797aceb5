package org.opencpm.application.consent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.opencpm.application.port.out.AuditTrail;
import org.opencpm.domain.audit.AuditChain;
import org.opencpm.domain.audit.AuditDraft;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditHead;
import org.opencpm.domain.audit.AuditSelection;
import org.opencpm.domain.subject.SubjectId;

/**
 * The audit events of a batch of events, chained in memory after the head the batch's transaction
 * holds ({@link AuditTrail#lockedHead}, taken at the first append) and stored together when the
 * batch is {@linkplain #flush flushed}: the one chain, one head update per batch. Each event gets
 * its sequence number and hash as it is appended, as from the stored trail, so receipts and
 * outbox entries name them at once.
 */
final class BufferedAuditTrail implements AuditTrail {

    private final AuditTrail stored;
    private final BatchUndo undo;
    private final List<AuditEvent> chained = new ArrayList<>();
    private Optional<AuditHead> locked;

    BufferedAuditTrail(AuditTrail stored, BatchUndo undo) {
        this.stored = stored;
        this.undo = undo;
    }

    @Override
    public AuditEvent append(AuditDraft draft) {
        if (locked == null) {
            locked = stored.lockedHead();
        }
        Optional<AuditHead> previous = chained.isEmpty() ? locked
                : Optional.of(new AuditHead(chained.getLast().seq(), chained.getLast().hash()));
        AuditEvent event = AuditChain.append(draft, previous);
        undo.add(chained, event);
        return event;
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

    void flush() {
        if (!chained.isEmpty()) {
            stored.appendChained(chained);
        }
    }
}
