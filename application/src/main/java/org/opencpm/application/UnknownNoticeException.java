package org.opencpm.application;

import org.opencpm.domain.DomainException;
import org.opencpm.domain.notice.NoticeRef;

/** A consent event names a notice version that was never published. */
public final class UnknownNoticeException extends DomainException {

    public UnknownNoticeException(NoticeRef notice) {
        super("unknown-notice", Kind.RULE_VIOLATION, "notice " + notice + " is not published");
    }
}
