package org.opencpm.application.port.out;

import java.time.Instant;
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
