package org.opencpm.domain.rights;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.opencpm.domain.Checks;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.subject.SubjectId;

/**
 * A person's request to exercise a right of PIPL Art. 44–50 ({@link RightsRequestType}), as a
 * record with a deadline: the handler must answer in time (Art. 50; GB/T 35273 §8.7: within a
 * set period, which the operator configures) and give its reasons when it refuses.
 * Immutable: each move of the state machine ({@link RightsRequestStatus}) returns a new value.
 *
 * @param resolution the note of a completion or the reason of a rejection; empty while open
 * @param closedAt   when it was completed or rejected; empty while open
 */
public record RightsRequest(String id, SubjectId subject, RightsRequestType type, CollectionChannel channel,
                            Verification verification, Optional<String> note, RightsRequestStatus status,
                            Instant receivedAt, Instant dueAt, Optional<Instant> closedAt, Optional<String> resolution) {

    /** The longest free text (note, reason) kept. */
    public static final int MAX_TEXT = 2000;

    public RightsRequest {
        Checks.maxLength(Checks.requiredText(id, "requestId"), 64, "requestId");
        Checks.required(subject, "subjectId");
        Checks.required(type, "type");
        Checks.required(channel, "channel");
        Checks.required(verification, "verification");
        Checks.required(note, "note").ifPresent(n -> Checks.maxLength(Checks.text(n, "note"), MAX_TEXT, "note"));
        Checks.required(status, "status");
        Checks.required(receivedAt, "receivedAt");
        Checks.required(dueAt, "dueAt");
        Checks.required(closedAt, "closedAt");
        Checks.required(resolution, "resolution").ifPresent(r -> Checks.maxLength(Checks.text(r, "resolution"), MAX_TEXT, "resolution"));
        if (dueAt.isBefore(receivedAt)) {
            throw new InvalidValueException("dueAt", "is before receivedAt");
        }
        if (status.isFinal() != closedAt.isPresent()) {
            throw new InvalidValueException("closedAt", "is set exactly when the request is completed or rejected");
        }
    }

    /** A request just received: due {@code deadline} after {@code receivedAt}. */
    public static RightsRequest receive(String id, SubjectId subject, RightsRequestType type, CollectionChannel channel,
                                        Verification verification, Optional<String> note, Instant receivedAt, Duration deadline) {
        if (Checks.required(deadline, "deadline").isNegative() || deadline.isZero()) {
            throw new InvalidValueException("deadline", "must be positive");
        }
        Instant at = millis(receivedAt);
        return new RightsRequest(id, subject, type, channel, verification, note, RightsRequestStatus.RECEIVED, at,
                at.plus(deadline), Optional.empty(), Optional.empty());
    }

    /** Work has begun on it. */
    public RightsRequest start() {
        return moveTo(RightsRequestStatus.IN_PROGRESS, Optional.empty(), Optional.empty());
    }

    /** Answered: done, with an optional note of what was done. */
    public RightsRequest complete(Optional<String> note, Instant at) {
        return moveTo(RightsRequestStatus.COMPLETED, Optional.of(millis(at)), note);
    }

    /** Refused, with the reason the person is given (PIPL Art. 50 §2). */
    public RightsRequest reject(String reason, Instant at) {
        return moveTo(RightsRequestStatus.REJECTED, Optional.of(millis(at)), Optional.of(Checks.requiredText(reason, "reason")));
    }

    /** What an erased operator's name reads as: that someone verified the requester stays known. */
    public static final String ERASED_TEXT = "(erased)";

    /**
     * The same request without its free text — note and resolution gone, the verifying operator's
     * name replaced by {@value #ERASED_TEXT} — as it is kept once its person is erased (PIPL Art. 47).
     */
    public RightsRequest withoutFreeText() {
        Verification kept = new Verification(verification.method(), verification.operator().map(name -> ERASED_TEXT));
        return new RightsRequest(id, subject, type, channel, kept, Optional.empty(), status, receivedAt, dueAt, closedAt,
                Optional.empty());
    }

    /** Whether it is still open at {@code now} although due before it. */
    public boolean overdueAt(Instant now) {
        return !status.isFinal() && dueAt.isBefore(now);
    }

    /** Times are kept to the millisecond, as every store keeps them. */
    private static Instant millis(Instant at) {
        return Checks.required(at, "at").truncatedTo(ChronoUnit.MILLIS);
    }

    private RightsRequest moveTo(RightsRequestStatus next, Optional<Instant> closed, Optional<String> answer) {
        if (!status.canMoveTo(next)) {
            throw new RightsRequestTransitionException(id, status, next);
        }
        return new RightsRequest(id, subject, type, channel, verification, note, next, receivedAt, dueAt, closed, answer);
    }
}
