package org.opencpm.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.opencpm.domain.audit.AuditDraft;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditHead;
import org.opencpm.domain.audit.AuditSelection;
import org.opencpm.domain.subject.SubjectId;

/**
 * The append-only, hash-chained audit trail. Appends join the transaction of the change they
 * record, so a change and its audit event are durable together or not at all, and concurrent
 * appends still form one linear chain.
 */
public interface AuditTrail {

    /** Seals {@code draft} as the next event of the chain (with {@link org.opencpm.domain.audit.AuditChain}) and stores it. */
    AuditEvent append(AuditDraft draft);

    /**
     * The last event of the chain, held for the caller's transaction: no other transaction appends
     * until it ends (in a database, the head row is locked). A batch of events is chained after it
     * in memory ({@link org.opencpm.domain.audit.AuditChain}) and stored with {@link #appendChained}.
     */
    default Optional<AuditHead> lockedHead() {
        return head();
    }

    /**
     * Stores {@code events}, already chained one after the other after the {@link #lockedHead}
     * this transaction holds, and moves the head to the last of them.
     *
     * @throws IllegalArgumentException when the first does not follow the head, or one does not
     *                                  follow the one before it, or carries another hash than its own
     */
    default void appendChained(List<AuditEvent> events) {
        for (AuditEvent event : events) {
            AuditEvent appended = append(new AuditDraft(event.eventId(), event.type(), event.subjectId(), event.purpose(), event.state(),
                    event.occurredAt(), event.recordedAt(), event.actor(), event.channel(), event.noticeCode(), event.noticeVersion(),
                    event.details(), Map.of()));
            if (!appended.equals(event)) {
                throw new IllegalArgumentException("event " + event.seq() + " does not follow the chain as it is stored");
            }
        }
    }

    /**
     * The events {@code selection} holds, oldest first, selected where they are stored (not read
     * whole and filtered) and streamed in constant memory. The caller closes the stream.
     */
    Stream<AuditEvent> events(AuditSelection selection);

    /** Events recorded in [{@code from}, {@code to}), oldest first. The caller closes the stream. */
    default Stream<AuditEvent> events(Optional<Instant> from, Optional<Instant> to) {
        return events(AuditSelection.between(from, to));
    }

    /** Every event about {@code subject}, oldest first. */
    Stream<AuditEvent> eventsOf(SubjectId subject);

    Optional<AuditEvent> find(String eventId);

    /** The last event, if any. */
    Optional<AuditHead> head();
}
