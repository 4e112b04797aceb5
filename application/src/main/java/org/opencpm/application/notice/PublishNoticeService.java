package org.opencpm.application.notice;

import java.time.Instant;
import java.util.Optional;
import org.opencpm.application.Ports;
import org.opencpm.application.Retrying;
import org.opencpm.application.UnknownPurposeException;
import org.opencpm.application.audit.AuditRecords;
import org.opencpm.application.port.in.PublishNoticeCommand;
import org.opencpm.application.port.in.PublishNoticeUseCase;
import org.opencpm.domain.consent.ConsentRecorder;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.notice.NoticeHistory;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.notice.NoticeVersionImmutableException;
import org.opencpm.domain.purpose.PurposeCode;

/**
 * Publishes notice versions: every purpose covered must be defined; a version is numbered after
 * the versions of its code already published, and dated now unless it is an imported version
 * that says when it was first published (in order, never in the future); republishing identical text is a no-op and other
 * text is refused.
 */
public final class PublishNoticeService implements PublishNoticeUseCase {

    private final Ports ports;
    private final Retrying retrying;

    public PublishNoticeService(Ports ports) {
        this.ports = ports;
        this.retrying = new Retrying(ports.transactions());
    }

    @Override
    public Published publish(PublishNoticeCommand c) {
        Instant now = ports.clock().now();
        return retrying.inTransaction(() -> {
            for (PurposeCode purpose : c.purposes()) {
                if (ports.purposes().find(purpose).isEmpty()) {
                    throw new UnknownPurposeException(purpose);
                }
            }
            Optional<Notice> existing = ports.notices().find(c.ref());
            if (existing.isPresent()) {
                Notice same = Notice.publish(c.ref(), c.language(), c.title(), c.content(), c.url(), c.purposes(), c.material(),
                        existing.get().publishedAt(), existing.get().revision());
                if (!existing.get().sameTextAs(same)) {
                    throw new NoticeVersionImmutableException(c.ref());
                }
                return new Published(existing.get(), false);
            }
            NoticeHistory history = ports.notices().history(c.ref().code());
            Instant publishedAt = history.nextPublication(c.publishedAt(), now, ConsentRecorder.EARLIEST);
            Notice notice = Notice.publish(c.ref(), c.language(), c.title(), c.content(), c.url(), c.purposes(), c.material(),
                    publishedAt, history.nextRevision());
            ports.notices().add(notice);
            ports.audit().append(AuditRecords.noticePublished(notice, c.actor()));
            retrying.afterCommit(() -> ports.decisionIndex().noticePublished(notice));
            return new Published(notice, true);
        });
    }

    @Override
    public Optional<Notice> find(NoticeRef ref) {
        return ports.notices().find(ref);
    }
}
