package org.opencpm.domain.notice;

import org.opencpm.domain.DomainException;

/**
 * A notice version was published by URL alone, with neither its text nor the SHA-256 of its text:
 * the hash of the words people read is the evidence of what they were told (PIPL Art. 14, 17), and
 * a hash of the address would prove nothing about them.
 */
public final class NoticeContentHashRequiredException extends DomainException {

    public NoticeContentHashRequiredException(NoticeRef ref) {
        super("notice-content-hash-required", Kind.RULE_VIOLATION, "notice " + ref + " is published by url only:"
                + " give contentHash, the SHA-256 (64 lower-case hex digits) of the exact text people read at that address,"
                + " or the content itself; the hash of the text people read is the evidence of what they were told"
                + " (PIPL Art. 14, 17)");
    }
}
