package org.opencpm.application.port.out;

import java.util.Objects;
import java.util.Optional;
import org.opencpm.application.audit.IdentityAuditRecords;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.subject.SubjectId;

/**
 * One committed change as the {@link ChangeLog} tells it: its place in the audit chain, what kind
 * of event recorded it and which subject or notice it was about — enough to know what to read
 * again, nothing personal.
 */
public record CommittedChange(long seq, AuditEventType type, Optional<SubjectId> subject, Optional<NoticeRef> notice,
                              boolean removesLinks) {

    /**
     * A change as the change log reads it; {@code change} is the {@code details.change} of a
     * {@code SUBJECT_UPDATED} event (null for other events, or where it was not read).
     */
    public static CommittedChange of(long seq, AuditEventType type, Optional<SubjectId> subject, Optional<NoticeRef> notice,
                                     String change) {
        return new CommittedChange(seq, type, subject, notice, removesLinks(type, change));
    }

    /**
     * Whether a change may have unlinked identifiers from its subject, which the change does not
     * name (so a follower must compare every link of the subject): a {@code SUBJECT_UPDATED} that is
     * not known to have only added identifiers. Adding is the common case and costs a follower
     * nothing more than reading the subject's links again.
     */
    static boolean removesLinks(AuditEventType type, String change) {
        return type == AuditEventType.SUBJECT_UPDATED && !IdentityAuditRecords.ADDED.equals(change);
    }

    public CommittedChange {
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1, not " + seq);
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(notice, "notice");
    }
}
