package org.opencpm.domain.notice;

import java.time.Duration;
import java.time.Instant;
import org.opencpm.domain.DomainException;
import org.opencpm.domain.purpose.PurposeCode;

/**
 * Consent is informed only by a notice that describes the purpose (PIPL Art. 14, 17; GB/T 35273
 * §5): a grant must name a published notice version that covers the purpose, and that version
 * must have been published when the person consented, and must still be current for it — if a material version covering the purpose was already
 * published when the person consented, they were shown an outdated text.
 */
public final class NoticeCoveragePolicy {

    private NoticeCoveragePolicy() {
    }

    /**
     * Refuses a grant of {@code purpose} on {@code notice} made at {@code occurredAt}; a grant
     * dated more than {@code skew} before the notice was published cannot have been informed by it.
     */
    public static void check(Notice notice, NoticeHistory history, PurposeCode purpose, Instant occurredAt, Duration skew) {
        if (!notice.covers(purpose)) {
            throw new NoticeDoesNotCoverPurposeException(notice.ref(), purpose);
        }
        if (occurredAt.isBefore(notice.publishedAt().minus(skew))) {
            throw new NoticeNotYetPublishedException(notice, occurredAt);
        }
        history.materialChangeAfter(notice.revision(), purpose)
                .filter(newer -> !newer.publishedAt().isAfter(occurredAt))
                .ifPresent(newer -> {
                    throw new NoticeSupersededException(notice.ref(), newer.ref(), purpose);
                });
    }

    /** The notice does not describe the purpose the person is said to have consented to. */
    public static final class NoticeDoesNotCoverPurposeException extends DomainException {
        public NoticeDoesNotCoverPurposeException(NoticeRef notice, PurposeCode purpose) {
            super("notice-does-not-cover-purpose", Kind.RULE_VIOLATION,
                    "notice " + notice + " does not cover purpose " + purpose
                            + ": consent must be informed by a notice that describes the purpose (PIPL Art. 14, 17)");
        }
    }

    /** The grant is dated before the notice it names existed. */
    public static final class NoticeNotYetPublishedException extends DomainException {
        public NoticeNotYetPublishedException(Notice notice, Instant occurredAt) {
            super("notice-not-yet-published", Kind.RULE_VIOLATION,
                    "the grant is dated " + occurredAt + ", before notice " + notice.ref() + " was published (" + notice.publishedAt()
                            + "): a person cannot have been informed by it (PIPL Art. 14, 17); a version shown before it was published"
                            + " here is published with its original publishedAt");
        }
    }

    /** A material version of the notice covering the purpose was already published. */
    public static final class NoticeSupersededException extends DomainException {
        public NoticeSupersededException(NoticeRef shown, NoticeRef current, PurposeCode purpose) {
            super("notice-superseded", Kind.RULE_VIOLATION,
                    "notice " + shown + " was materially changed for purpose " + purpose + " by " + current
                            + ", published before this consent: show and reference the current version (PIPL Art. 14)");
        }
    }
}
