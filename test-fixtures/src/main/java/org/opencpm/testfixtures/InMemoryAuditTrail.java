package org.opencpm.testfixtures;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.opencpm.application.port.out.AuditTrail;
import org.opencpm.domain.audit.AuditChain;
import org.opencpm.domain.audit.AuditDraft;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditHead;
import org.opencpm.domain.audit.AuditSelection;
import org.opencpm.domain.subject.SubjectId;

/** The audit chain in a list. {@link #tamper} lets a test play the forger. */
public final class InMemoryAuditTrail implements AuditTrail {

    private final List<AuditEvent> events = new ArrayList<>();
    private final InMemoryTransactions tx;
    private RuntimeException nextFailure;

    public InMemoryAuditTrail(InMemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public synchronized AuditEvent append(AuditDraft draft) {
        if (nextFailure != null) {
            RuntimeException failure = nextFailure;
            nextFailure = null;
            throw failure;
        }
        AuditEvent event = AuditChain.append(draft, events.isEmpty() ? Optional.empty() : Optional.of(AuditHead.of(events.get(events.size() - 1))));
        events.add(event);
        tx.onRollback(() -> {
            synchronized (this) {
                events.remove(event);
            }
        });
        return event;
    }

    @Override
    public synchronized Stream<AuditEvent> events(AuditSelection selection) {
        return List.copyOf(events).stream().filter(selection::matches);
    }

    @Override
    public synchronized Stream<AuditEvent> eventsOf(SubjectId subject) {
        return List.copyOf(events).stream().filter(e -> subject.value().equals(e.subjectId()));
    }

    @Override
    public synchronized Optional<AuditEvent> find(String eventId) {
        return events.stream().filter(e -> e.eventId().equals(eventId)).findFirst();
    }

    @Override
    public synchronized Optional<AuditHead> head() {
        return events.isEmpty() ? Optional.empty() : Optional.of(AuditHead.of(events.get(events.size() - 1)));
    }

    public synchronized List<AuditEvent> all() {
        return List.copyOf(events);
    }

    /** Replaces the event with sequence number {@code seq} by what {@code change} makes of it, as a forger would. */
    public synchronized void tamper(long seq, UnaryOperator<AuditEvent> change) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).seq() == seq) {
                events.set(i, change.apply(events.get(i)));
                return;
            }
        }
        throw new IllegalArgumentException("no event " + seq);
    }

    /** Makes the next append fail, as a full disk would. */
    public synchronized void failNextAppend(RuntimeException failure) {
        nextFailure = failure;
    }
}
