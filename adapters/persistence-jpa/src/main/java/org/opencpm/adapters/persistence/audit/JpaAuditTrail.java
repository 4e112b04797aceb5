package org.opencpm.adapters.persistence.audit;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.sql.PreparedStatement;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.application.port.out.AuditTrail;
import org.opencpm.domain.audit.AuditChain;
import org.opencpm.domain.audit.AuditDraft;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.audit.AuditHead;
import org.opencpm.domain.audit.AuditSelection;
import org.opencpm.domain.subject.SubjectId;

/**
 * The hash-chained audit trail in {@code audit_event}, with its last link in the one-row
 * {@code audit_head}.
 *
 * <p>{@link #append} locks the head row ({@code SELECT … FOR UPDATE}), seals the draft after it
 * with {@link AuditChain}, inserts the event and moves the head, all in the caller's
 * transaction: concurrent appenders take turns on the head lock until their transactions end,
 * so the chain stays linear, and a rolled-back append leaves neither event nor head behind. The
 * lock is held until the database transaction ends, so a later append in the same transaction —
 * a later unit of the same commit group included — takes the head it left from memory ({@link
 * JpaTransactions#rememberUnderLock}) instead of selecting it again: one {@code SELECT … FOR
 * UPDATE} per database transaction, not per event.
 *
 * <p>{@link #events} and {@link #eventsOf} stream lazily, in sequence order, a page of
 * {@value #PAGE_SIZE} events at a time ({@code WHERE seq > ? ORDER BY seq}), each page read
 * with a short-lived entity manager; nothing is held between pages, so a chain of millions of
 * events streams in constant memory.
 */
public final class JpaAuditTrail implements AuditTrail {

    static final int PAGE_SIZE = 1000;
    /** The key of the head this transaction holds locked, for {@link JpaTransactions#recallUnderLock}. */
    private static final String HEAD = "audit-head";

    private final JpaTransactions tx;

    public JpaAuditTrail(JpaTransactions tx) {
        this.tx = tx;
    }

    @Override
    public AuditEvent append(AuditDraft draft) {
        AuditEvent appended = tx.write(em -> {
            Optional<AuditHead> previous = tx.<Optional<AuditHead>>recallUnderLock(HEAD).orElseGet(() -> lockHead(em));
            AuditEvent event = AuditChain.append(draft, previous);
            em.persist(AuditEventMapper.toEntity(event));
            int moved = em.createNativeQuery("UPDATE audit_head SET seq = ?1, hash = ?2 WHERE id = ?3")
                    .setParameter(1, event.seq())
                    .setParameter(2, event.hash())
                    .setParameter(3, AuditHeadJpaEntity.ID)
                    .executeUpdate();
            if (moved != 1) {
                throw new IllegalStateException("audit_head has no row: the schema was not migrated by Flyway");
            }
            tx.rememberUnderLock(HEAD, Optional.of(new AuditHead(event.seq(), event.hash())));
            return event;
        });
        tx.remember(seqKey(appended.eventId()), Optional.of(appended.seq()));
        return appended;
    }

    /** The head this transaction holds, locked ({@code SELECT … FOR UPDATE}) if it did not hold it yet. */
    @Override
    public Optional<AuditHead> lockedHead() {
        return tx.write(em -> {
            Optional<Optional<AuditHead>> held = tx.recallUnderLock(HEAD);
            if (held.isPresent()) {
                return held.get();
            }
            Optional<AuditHead> head = lockHead(em);
            tx.rememberUnderLock(HEAD, head);
            return head;
        });
    }

    /**
     * One JDBC batch of {@code INSERT}s on the transaction's connection and one {@code UPDATE} of
     * the head, after checking that the events follow the head this transaction holds and each
     * other.
     */
    @Override
    public void appendChained(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Optional<AuditHead> head = lockedHead();
        long seq = head.map(AuditHead::seq).orElse(0L);
        String hash = head.map(AuditHead::hash).orElse(AuditChain.GENESIS);
        for (AuditEvent event : events) {
            if (event.seq() != seq + 1 || !event.prevHash().equals(hash) || !AuditChain.hashOf(event).equals(event.hash())) {
                throw new IllegalArgumentException("event " + event.seq() + " does not follow the chain as it is stored");
            }
            seq = event.seq();
            hash = event.hash();
        }
        AuditEvent last = events.getLast();
        tx.jdbcInTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_event (seq, event_id, type, subject_id, purpose,"
                    + " state, occurred_at, recorded_at, actor, channel, notice_code, notice_version, details, prev_hash, hash)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (AuditEvent event : events) {
                    AuditEventJpaEntity row = AuditEventMapper.toEntity(event);
                    insert.setLong(1, row.seq);
                    insert.setString(2, row.eventId);
                    insert.setString(3, row.type);
                    insert.setString(4, row.subjectId);
                    insert.setString(5, row.purpose);
                    insert.setString(6, row.state);
                    insert.setLong(7, row.occurredAt);
                    insert.setLong(8, row.recordedAt);
                    insert.setString(9, row.actor);
                    insert.setString(10, row.channel);
                    insert.setString(11, row.noticeCode);
                    insert.setString(12, row.noticeVersion);
                    insert.setString(13, row.details);
                    insert.setString(14, row.prevHash);
                    insert.setString(15, row.hash);
                    insert.addBatch();
                }
                JpaTransactions.executeEachOnOneRow(insert, "an audit event");
            }
            try (PreparedStatement move = connection.prepareStatement("UPDATE audit_head SET seq = ?, hash = ? WHERE id = ?")) {
                move.setLong(1, last.seq());
                move.setString(2, last.hash());
                move.setLong(3, AuditHeadJpaEntity.ID);
                if (move.executeUpdate() != 1) {
                    throw new IllegalStateException("audit_head has no row: the schema was not migrated by Flyway");
                }
            }
            return null;
        });
        tx.rememberUnderLock(HEAD, Optional.of(new AuditHead(last.seq(), last.hash())));
        events.forEach(event -> tx.remember(seqKey(event.eventId()), Optional.of(event.seq())));
    }

    /** The head row, locked until the transaction ends; empty while the chain is. */
    private static Optional<AuditHead> lockHead(EntityManager em) {
        List<?> rows = em.createNativeQuery("SELECT seq, hash FROM audit_head WHERE id = ?1 FOR UPDATE")
                .setParameter(1, AuditHeadJpaEntity.ID)
                .getResultList();
        if (rows.isEmpty()) {
            throw new IllegalStateException("audit_head has no row: the schema was not migrated by Flyway");
        }
        Object[] row = (Object[]) rows.get(0);
        long seq = ((Number) row[0]).longValue();
        return seq == 0 ? Optional.empty() : Optional.of(new AuditHead(seq, (String) row[1]));
    }

    private static String seqKey(String eventId) {
        return "audit-seq:" + eventId;
    }

    /**
     * Selected in the database, a page at a time in sequence order ({@code seq > ?} and the
     * selection's conditions, {@code ORDER BY seq}, {@value #PAGE_SIZE} rows), each page going on
     * where the last stopped: a whole export reads its part of the chain once, in constant memory.
     *
     * <p>A time range is first turned into the range of sequence numbers recorded in it ({@link
     * SeqRange}, one pass over {@code ix_audit_event_recorded}); the pages then walk that range of
     * the primary key (or, by subject, of {@code ix_audit_event_subject (subject_id, seq)}), and
     * the few events inside it recorded just outside the time range (a later seq may carry an
     * earlier time: times are taken before the head lock) are dropped as read. Putting the times
     * into every page's query instead lets H2 (and PostgreSQL, with a selective purpose) scan the
     * whole time range for every page: quadratic in the length of the export. By purpose or type
     * the primary key is walked and rows filtered as read: no index on them is paid for by every
     * append (ADR 0015 gives the plans and what such an index would cost).
     */
    @Override
    public Stream<AuditEvent> events(AuditSelection selection) {
        List<String> subjects = selection.subjects().stream().map(SubjectId::value).toList();
        List<String> types = selection.types().stream().map(AuditEventType::code).toList();
        String jpql = "SELECT e FROM AuditEventJpaEntity e WHERE e.seq > :after AND e.seq <= :last"
                + (subjects.size() == 1 ? " AND e.subjectId = :subject" : subjects.isEmpty() ? "" : " AND e.subjectId IN :subjects")
                + (selection.purpose().isPresent() ? " AND e.purpose = :purpose" : "")
                + (types.size() == 1 ? " AND e.type = :type" : types.isEmpty() ? "" : " AND e.type IN :types")
                + " ORDER BY e.seq";
        SeqRange[] range = {null}; // found when the first page is read: the stream stays lazy
        Stream<AuditEvent> rows = paged(after -> tx.read(em -> {
            if (range[0] == null) {
                range[0] = SeqRange.of(em, selection);
            }
            if (range[0].isEmpty()) {
                return List.of();
            }
            TypedQuery<AuditEventJpaEntity> query = em.createQuery(jpql, AuditEventJpaEntity.class)
                    .setParameter("after", Math.max(after, range[0].first() - 1)).setParameter("last", range[0].last());
            if (subjects.size() == 1) {
                query.setParameter("subject", subjects.getFirst());
            } else if (!subjects.isEmpty()) {
                query.setParameter("subjects", subjects);
            }
            selection.purpose().ifPresent(purpose -> query.setParameter("purpose", purpose.value()));
            if (types.size() == 1) {
                query.setParameter("type", types.getFirst());
            } else if (!types.isEmpty()) {
                query.setParameter("types", types);
            }
            // read-only: the rows are mapped to events at once, never changed, so EclipseLink need not
            // clone and register each one in the unit of work
            return query.setHint("eclipselink.read-only", "true").setMaxResults(PAGE_SIZE).getResultList().stream()
                    .map(AuditEventMapper::toEvent).toList();
        }));
        return selection.from().isPresent() || selection.to().isPresent() ? rows.filter(selection::recordedWithin) : rows;
    }

    @Override
    public Stream<AuditEvent> eventsOf(SubjectId subject) {
        return paged(after -> tx.read(em -> em.createQuery(
                        "SELECT e FROM AuditEventJpaEntity e WHERE e.subjectId = :subject AND e.seq > :after ORDER BY e.seq",
                        AuditEventJpaEntity.class)
                .setParameter("subject", subject.value())
                .setParameter("after", after)
                .setMaxResults(PAGE_SIZE)
                .getResultList().stream().map(AuditEventMapper::toEvent).toList()));
    }

    @Override
    public Optional<AuditEvent> find(String eventId) {
        return tx.read(em -> em.createQuery("SELECT e FROM AuditEventJpaEntity e WHERE e.eventId = :id", AuditEventJpaEntity.class)
                .setParameter("id", eventId)
                .getResultList().stream().findFirst().map(AuditEventMapper::toEvent));
    }

    @Override
    public Optional<AuditHead> head() {
        return tx.read(em -> {
            AuditHeadJpaEntity head = em.find(AuditHeadJpaEntity.class, AuditHeadJpaEntity.ID);
            return head == null || head.seq == 0 ? Optional.empty() : Optional.of(new AuditHead(head.seq, head.hash));
        });
    }

    /** The sequence number of the event {@code eventId}, if it is stored (or written in the current transaction). */
    public Optional<Long> seqOf(String eventId) {
        // the event the current transaction just appended is known without asking the database
        return tx.repeatable(seqKey(eventId), () -> tx.read(em -> em.createQuery(
                        "SELECT e.seq FROM AuditEventJpaEntity e WHERE e.eventId = :id", Long.class)
                .setParameter("id", eventId)
                .getResultList().stream().findFirst()));
    }

    /** A lazy stream that reads the page after the last sequence number it returned whenever it runs out. */
    private static Stream<AuditEvent> paged(LongFunction<List<AuditEvent>> pageAfter) {
        Spliterator<AuditEvent> pages = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT) {
            private long after;
            private Iterator<AuditEvent> page = Collections.emptyIterator();
            private boolean lastPage;

            @Override
            public boolean tryAdvance(Consumer<? super AuditEvent> action) {
                if (!page.hasNext()) {
                    if (lastPage) {
                        return false;
                    }
                    List<AuditEvent> next = pageAfter.apply(after);
                    lastPage = next.size() < PAGE_SIZE;
                    if (next.isEmpty()) {
                        return false;
                    }
                    after = next.get(next.size() - 1).seq();
                    page = next.iterator();
                }
                action.accept(page.next());
                return true;
            }
        };
        return StreamSupport.stream(pages, false);
    }
}
