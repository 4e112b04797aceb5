package org.opencpm.application.notice;

import java.time.Instant;
import java.util.Optional;
import org.opencpm.application.Ports;
import org.opencpm.application.Retrying;
import org.opencpm.application.UnknownPurposeException;
import org.opencpm.application.audit.AuditRecords;
import org.opencpm.application.port.in.PublishNoticeCommand;
import org.opencpm.application.port.in.PublishNoticeUseCase;
import org.opencpm.application.port.out.AuditTrail;
import org.opencpm.application.port.out.Clock;
import org.opencpm.application.port.out.DecisionIndex;
import org.opencpm.application.port.out.NoticeStore;
import org.opencpm.application.port.out.PurposeStore;
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

    private final PurposeStore purposes;
    private final NoticeStore notices;
    private final AuditTrail audit;
    private final DecisionIndex index;
    private final Clock clock;
    private final Retrying retrying;

    public PublishNoticeService(Ports ports) {
        this.purposes = ports.purposes();
        this.notices = ports.notices();
        this.audit = ports.audit();
        this.index = ports.decisionIndex();
        this.clock = ports.clock();
        this.retrying = new Retrying(ports.transactions());
    }

    @Override
    public Published publish(PublishNoticeCommand c) {
        Instant now = clock.now();
        return retrying.inTransaction(() -> {
            for (PurposeCode purpose : c.purposes()) {
                if (purposes.find(purpose).isEmpty()) {
                    throw new UnknownPurposeException(purpose);
                }
            }
            Optional<Notice> existing = notices.find(c.ref());
            if (existing.isPresent()) {
                Notice same = Notice.publish(c.ref(), c.language(), c.title(), c.content(), c.url(), c.contentHash(), c.purposes(), c.material(),
                        existing.get().publishedAt(), existing.get().revision());
                if (!existing.get().sameTextAs(same)) {
                    throw new NoticeVersionImmutableException(c.ref());
                }
                return new Published(existing.get(), false);
            }
            NoticeHistory history = notices.history(c.ref().code());
            Instant publishedAt = history.nextPublication(c.publishedAt(), now, ConsentRecorder.EARLIEST);
            Notice notice = Notice.publish(c.ref(), c.language(), c.title(), c.content(), c.url(), c.contentHash(), c.purposes(), c.material(),
                    publishedAt, history.nextRevision());
            notices.add(notice);
            audit.append(AuditRecords.noticePublished(notice, c.actor()));
            retrying.afterCommit(() -> index.noticePublished(notice));
            return new Published(notice, true);
        });
    }

    @Override
    public Optional<Notice> find(NoticeRef ref) {
        return notices.find(ref);
    }
}
