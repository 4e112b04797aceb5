package org.opencpm.application.port.out;

import java.util.Objects;
import java.util.Optional;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.subject.SubjectId;

/**
 * One committed change as the {@link ChangeLog} tells it: its place in the audit chain, what kind
 * of event recorded it and which subject or notice it was about — enough to know what to read
 * again, nothing personal.
 */
public record CommittedChange(long seq, AuditEventType type, Optional<SubjectId> subject, Optional<NoticeRef> notice) {

    public CommittedChange {
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1, not " + seq);
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(notice, "notice");
    }
}
