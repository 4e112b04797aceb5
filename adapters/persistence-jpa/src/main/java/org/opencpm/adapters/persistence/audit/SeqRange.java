package org.opencpm.adapters.persistence.audit;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import org.opencpm.domain.audit.AuditSelection;

/**
 * The sequence numbers an export's time range can hold: from the lowest to the highest seq of the
 * events recorded in [{@code from}, {@code to}), found once with {@code ix_audit_event_recorded};
 * every sequence number when the selection has no time bound, and from the lowest on (the chain
 * still growing) when it has no {@code to}. Exact as bounds: no event outside them was recorded
 * in the range; a few inside them may have been recorded just outside it, and are filtered out as
 * read.
 */
record SeqRange(long first, long last) {

    private static final SeqRange ALL = new SeqRange(1, Long.MAX_VALUE);
    private static final SeqRange NONE = new SeqRange(1, 0);

    static SeqRange of(EntityManager em, AuditSelection selection) {
        if (selection.from().isEmpty() && selection.to().isEmpty()) {
            return ALL;
        }
        String where = (selection.from().isPresent() ? " AND e.recordedAt >= :from" : "")
                + (selection.to().isPresent() ? " AND e.recordedAt < :to" : "");
        TypedQuery<Object[]> query = em.createQuery("SELECT MIN(e.seq), MAX(e.seq) FROM AuditEventJpaEntity e WHERE 1 = 1" + where,
                Object[].class);
        selection.from().ifPresent(from -> query.setParameter("from", from.toEpochMilli()));
        selection.to().ifPresent(to -> query.setParameter("to", millisecondsAtOrAfter(to)));
        Object[] bounds = query.getSingleResult();
        if (bounds[0] == null) {
            return NONE;
        }
        long first = ((Number) bounds[0]).longValue();
        return new SeqRange(first, selection.to().isPresent() ? ((Number) bounds[1]).longValue() : Long.MAX_VALUE);
    }

    /**
     * A {@code to} bound as the stored epoch milliseconds compare with it: rounded up, since an event
     * recorded at 10:00:00.000 is before a bound of 10:00:00.0005 (truncated, it would be left out);
     * {@code from} may stay truncated, the range being only a bound that events are filtered within.
     */
    private static long millisecondsAtOrAfter(Instant to) {
        return to.getNano() % 1_000_000 == 0 ? to.toEpochMilli() : to.toEpochMilli() + 1;
    }

    boolean isEmpty() {
        return last < first;
    }
}
