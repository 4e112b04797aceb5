package org.opencpm.domain.consent;

import org.opencpm.domain.Checks;
import org.opencpm.domain.notice.ContentHash;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.notice.NoticeRef;

/** The notice version a consent was given on, with the hash of its exact text and its revision. */
public record NoticeStamp(NoticeRef ref, ContentHash contentHash, int revision) {

    public NoticeStamp {
        Checks.required(ref, "notice");
        Checks.required(contentHash, "notice.contentHash");
    }

    public static NoticeStamp of(Notice notice) {
        return new NoticeStamp(notice.ref(), notice.contentHash(), notice.revision());
    }
}
