package org.opencpm.adapters.persistence.audit;

import java.util.List;
import java.util.Optional;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.application.port.out.ChangeLog;
import org.opencpm.application.port.out.CommittedChange;
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

    private final JpaTransactions tx;

    public JpaChangeLog(JpaTransactions tx) {
        this.tx = tx;
    }

    @Override
    public List<CommittedChange> after(long seq, int limit) {
        return tx.read(em -> em.createQuery("SELECT e.seq, e.type, e.subjectId, e.noticeCode, e.noticeVersion "
                        + "FROM AuditEventJpaEntity e WHERE e.seq > :after ORDER BY e.seq", Object[].class)
                .setParameter("after", seq)
                .setMaxResults(limit)
                .getResultList().stream()
                .map(JpaChangeLog::change)
                .toList());
    }

    private static CommittedChange change(Object[] row) {
        String noticeCode = (String) row[3];
        String noticeVersion = (String) row[4];
        return new CommittedChange(((Number) row[0]).longValue(), AuditEventType.parse((String) row[1], "type"),
                Optional.ofNullable((String) row[2]).map(SubjectId::of),
                noticeCode == null || noticeVersion == null ? Optional.empty() : Optional.of(NoticeRef.of(noticeCode, noticeVersion)));
    }
}
