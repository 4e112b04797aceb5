package org.opencpm.application.port.in;

import java.time.Duration;
import java.util.Optional;
import org.opencpm.domain.decision.Reason;
import org.opencpm.domain.subject.SubjectId;

/**
 * What became of a message a caller asked a gateway to send.
 *
 * @param outcome      sent, not permitted (then {@link #refusal()} says why), refused or unreachable platform
 * @param permitId     the send permit, when one was issued (its budget unit is taken, whatever the platform did)
 * @param refusal      why no permit was issued ({@code frequency_cap}, {@code quiet_hours}, {@code withdrawn}…)
 * @param messageId    the platform's id of the message, when it took it
 * @param platformCode the platform's code, when it refused the message
 * @param detail       the platform's or the gateway's words, when it was not sent (never a secret or the recipient)
 * @param retryAfter   when the platform asked to come back later
 */
public record MessageSent(Outcome outcome, Optional<String> permitId, Optional<Reason> refusal, Optional<String> messageId,
                          Optional<String> platformCode, Optional<String> detail, Optional<Duration> retryAfter,
                          Optional<SubjectId> subjectId) {

    /** What became of the message. */
    public enum Outcome { SENT, NOT_PERMITTED, PLATFORM_REFUSED, PLATFORM_UNAVAILABLE }
}
