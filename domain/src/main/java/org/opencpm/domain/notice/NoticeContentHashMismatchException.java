package org.opencpm.domain.notice;

import org.opencpm.domain.DomainException;

/**
 * A notice version was published with both its text and a {@code contentHash} that is not the
 * SHA-256 of that text: one of them is not what people read (PIPL Art. 14, 17).
 */
public final class NoticeContentHashMismatchException extends DomainException {

    public NoticeContentHashMismatchException(NoticeRef ref, ContentHash declared, ContentHash computed) {
        super("notice-content-hash-mismatch", Kind.RULE_VIOLATION, "notice " + ref + ": contentHash " + declared
                + " is not the SHA-256 of content, which is " + computed
                + " (UTF-8 bytes exactly as sent); send the hash of the same text people read, or leave contentHash out");
    }
}
