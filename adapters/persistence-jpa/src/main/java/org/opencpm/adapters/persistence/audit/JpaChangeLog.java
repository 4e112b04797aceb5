package org.opencpm.adapters.persistence.audit;

import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.application.port.out.ChangeLog;
import org.opencpm.application.port.out.CommittedChange;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.subject.SubjectId;

/**
 * The change log as {@code audit_event} read past a sequence number, on the primary key, only the
 * columns that say what changed: {@code SELECT seq, type, subject_id, notice_code, notice_version
 * … WHERE seq > ? ORDER BY seq}, one short read of its own (a fresh snapshot on every database,
 * MariaDB's repeatable read included).
 *
 * <p>Why no change is missed: {@link JpaAuditTrail#append} gives the next number under the lock of
 * the one {@code audit_head} row, held until its transaction ends, so a transaction cannot take
 * number n+1 before the one holding n has committed or rolled back (and then n is given again).
 * A read that sees n+1 therefore sees n: there is no gap for a late commit to fill. A whole commit
 * group ({@code GroupCommit}) is one transaction and becomes visible at once.
 */
public final class JpaChangeLog implements ChangeLog {

    private static final String UPDATED = AuditEventType.SUBJECT_UPDATED.code();

    private final JpaTransactions tx;

    public JpaChangeLog(JpaTransactions tx) {
        this.tx = tx;
    }

    @Override
    public List<CommittedChange> after(long seq, int limit) {
        return tx.read(em -> {
            List<Object[]> rows = em.createQuery("SELECT e.seq, e.type, e.subjectId, e.noticeCode, e.noticeVersion "
                            + "FROM AuditEventJpaEntity e WHERE e.seq > :after ORDER BY e.seq", Object[].class)
                    .setParameter("after", seq)
                    .setMaxResults(limit)
                    .getResultList();
            Map<Long, String> changes = identifierChanges(em, rows);
            return rows.stream().map(row -> change(row, changes)).toList();
        });
    }

    /**
     * {@code details.change} of the page's {@code SUBJECT_UPDATED} events, by seq: whether identifiers
     * were added or removed, which tells a follower whether it must look for links that are gone.
     */
    private static Map<Long, String> identifierChanges(EntityManager em, List<Object[]> rows) {
        List<Long> updated = rows.stream().filter(row -> UPDATED.equals(row[1])).map(row -> ((Number) row[0]).longValue()).toList();
        Map<Long, String> changes = new HashMap<>();
        if (!updated.isEmpty()) {
            em.createQuery("SELECT e.seq, e.details FROM AuditEventJpaEntity e WHERE e.seq IN :seqs", Object[].class)
                    .setParameter("seqs", updated)
                    .getResultList()
                    .forEach(row -> changes.put(((Number) row[0]).longValue(),
                            AuditEventMapper.details((String) row[1]).get("change")));
        }
        return changes;
    }

    private static CommittedChange change(Object[] row, Map<Long, String> changes) {
        long seq = ((Number) row[0]).longValue();
        Optional<SubjectId> subject = Optional.ofNullable((String) row[2]).map(SubjectId::of);
        String noticeCode = (String) row[3];
        String noticeVersion = (String) row[4];
        Optional<NoticeRef> notice = noticeCode == null || noticeVersion == null ? Optional.empty()
                : Optional.of(NoticeRef.of(noticeCode, noticeVersion));
        return CommittedChange.of(seq, type((String) row[1], subject), subject, notice, changes.get(seq));
    }

    /**
     * The event's type; one this node does not know (written by a newer node during a rolling
     * upgrade) is taken as the broadest change of its kind, so that following never stops on it:
     * a change of its subject (read again, links and all), or else of the catalogue.
     */
    private static AuditEventType type(String code, Optional<SubjectId> subject) {
        try {
            return AuditEventType.parse(code, "type");
        } catch (InvalidValueException unknown) {
            return subject.isPresent() ? AuditEventType.SUBJECT_UPDATED : AuditEventType.PURPOSE_DEFINED;
        }
    }
}
