package org.opencpm.domain.consent;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.opencpm.domain.Checks;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.notice.NoticeHistory;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.Guardian;
import org.opencpm.domain.subject.Identifier;

/**
 * One consent event as the domain sees it: an action on one or more purposes, the notice it
 * was given on (with the history of that notice), the evidence, the guardian, and when (to the
 * millisecond).
 *
 * @param identifiers the subject's identifiers named in the event, to tell them from the guardian's
 */
public record ConsentRequest(
        ConsentAction action,
        List<Purpose> purposes,
        Optional<Notice> notice,
        Optional<NoticeHistory> noticeHistory,
        Evidence evidence,
        Optional<Guardian> guardian,
        Set<Identifier> identifiers,
        Instant occurredAt) {

    public ConsentRequest {
        Checks.required(action, "action");
        purposes = Checks.copyOf(Checks.notEmpty(Checks.required(purposes, "purposes"), "purposes"), "purposes");
        Set<PurposeCode> seen = new HashSet<>();
        for (Purpose purpose : purposes) {
            if (!seen.add(purpose.code())) {
                throw new InvalidValueException("purposes", "purpose " + purpose.code() + " is listed twice");
            }
        }
        Checks.required(notice, "notice");
        Checks.required(noticeHistory, "noticeHistory");
        if (notice.isPresent() && noticeHistory.map(h -> !h.code().equals(notice.get().ref().code())).orElse(true)) {
            throw new IllegalArgumentException("a notice comes with the history of its own code");
        }
        Checks.required(evidence, "evidence");
        Checks.required(guardian, "guardian");
        identifiers = Set.copyOf(Checks.required(identifiers, "identifiers"));
        // To the millisecond, as every database stores it: which event is newer must not change
        // between the consent in memory and the consent read back.
        occurredAt = Checks.required(occurredAt, "occurredAt").truncatedTo(ChronoUnit.MILLIS);
    }

    /** The same event, at another time. */
    public ConsentRequest at(Instant when) {
        return new ConsentRequest(action, purposes, notice, noticeHistory, evidence, guardian, identifiers, when);
    }

    /** Whether several purposes are given in one act. */
    public boolean isBundled() {
        return purposes.size() > 1;
    }
}
