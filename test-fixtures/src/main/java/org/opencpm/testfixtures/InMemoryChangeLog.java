package org.opencpm.testfixtures;

import java.util.List;
import java.util.Optional;
import org.opencpm.application.port.out.ChangeLog;
import org.opencpm.application.port.out.CommittedChange;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.subject.SubjectId;

/** The change log over the in-memory audit chain, as the JPA adapter reads it over {@code audit_event}. */
public final class InMemoryChangeLog implements ChangeLog {

    private final InMemoryAuditTrail audit;

    public InMemoryChangeLog(InMemoryAuditTrail audit) {
        this.audit = audit;
    }

    @Override
    public List<CommittedChange> after(long seq, int limit) {
        return audit.all().stream().filter(event -> event.seq() > seq).limit(limit).map(InMemoryChangeLog::change).toList();
    }

    static CommittedChange change(AuditEvent event) {
        return CommittedChange.of(event.seq(), event.type(), Optional.ofNullable(event.subjectId()).map(SubjectId::of),
                event.noticeCode() == null || event.noticeVersion() == null ? Optional.empty()
                        : Optional.of(NoticeRef.of(event.noticeCode(), event.noticeVersion())), event.details().get("change"));
    }
}
