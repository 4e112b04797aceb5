package org.opencpm.application.subject;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.opencpm.application.port.out.AuditTrail;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.subject.SubjectId;

/**
 * The events of a person recorded under several subject ids (their own and those merged into it,
 * PIPL Art. 46), in chain order, read lazily: each id's events stream in sequence order from the
 * trail, and the next event is always the lowest sequence number at the head of any of them — so
 * a long history is never held in memory. The caller closes the stream, which closes them all.
 */
final class JoinedHistory {

    private JoinedHistory() {
    }

    static Stream<AuditEvent> of(AuditTrail audit, List<SubjectId> subjects) {
        if (subjects.size() == 1) {
            return audit.eventsOf(subjects.getFirst());
        }
        List<Stream<AuditEvent>> streams = new ArrayList<>(subjects.size());
        PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> Long.compare(a.event.seq(), b.event.seq()));
        for (SubjectId subject : subjects) {
            Stream<AuditEvent> events = audit.eventsOf(subject);
            streams.add(events);
            Iterator<AuditEvent> iterator = events.iterator();
            if (iterator.hasNext()) {
                heads.add(new Head(iterator.next(), iterator));
            }
        }
        Iterator<AuditEvent> merged = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !heads.isEmpty();
            }

            @Override
            public AuditEvent next() {
                Head head = heads.poll();
                if (head == null) {
                    throw new NoSuchElementException();
                }
                if (head.rest.hasNext()) {
                    heads.add(new Head(head.rest.next(), head.rest));
                }
                return head.event;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(merged, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(() -> streams.forEach(Stream::close));
    }

    private record Head(AuditEvent event, Iterator<AuditEvent> rest) {
    }
}
