package org.opencpm.application.port.in;

import java.util.Optional;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.notice.NoticeRef;

/**
 * Publish notice versions, immutable once published, and read them. Publishing the same version
 * again with the same text changes nothing; with other text it is refused.
 */
public interface PublishNoticeUseCase {

    record Published(Notice notice, boolean created) {
    }

    Published publish(PublishNoticeCommand command);

    Optional<Notice> find(NoticeRef ref);
}
