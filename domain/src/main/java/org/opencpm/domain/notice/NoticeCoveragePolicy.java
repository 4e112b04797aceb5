package org.opencpm.domain.notice;

import java.time.Instant;
import org.opencpm.domain.DomainException;
import org.opencpm.domain.purpose.PurposeCode;

/**
 * Consent is informed only by a notice that describes the purpose (PIPL Art. 14, 17; GB/T 35273
 * §5): a grant must name a published notice version that covers the purpose, and that version
 * must still be current for it — if a material version covering the purpose was already
 * published when the person consented, they were shown an outdated text.
 */
public final class NoticeCoveragePolicy {

    private NoticeCoveragePolicy() {
    }

    /** Refuses a grant of {@code purpose} on {@code notice} made at {@code occurredAt}. */
    public static void check(Notice notice, NoticeHistory history, PurposeCode purpose, Instant occurredAt) {
        if (!notice.covers(purpose)) {
            throw new NoticeDoesNotCoverPurposeException(notice.ref(), purpose);
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

    /** A material version of the notice covering the purpose was already published. */
    public static final class NoticeSupersededException extends DomainException {
        public NoticeSupersededException(NoticeRef shown, NoticeRef current, PurposeCode purpose) {
            super("notice-superseded", Kind.RULE_VIOLATION,
                    "notice " + shown + " was materially changed for purpose " + purpose + " by " + current
                            + ", published before this consent: show and reference the current version (PIPL Art. 14)");
        }
    }
}
