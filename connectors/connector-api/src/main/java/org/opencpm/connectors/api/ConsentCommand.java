package org.opencpm.connectors.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A consent event a callback asks OpenCPM to record, exactly as if a client had posted it: every
 * consent rule applies.
 *
 * @param purposes    the purposes concerned (several only for withdrawals and denials, or ordinary purposes)
 * @param action      {@code grant}, {@code withdraw}, {@code deny} or {@code confirm}
 * @param channel     where it was collected ({@code sms}, {@code wechat}, {@code crm}…)
 * @param method      how ({@code sms_reply}, {@code button}…)
 * @param noticeCode    for a grant: the notice shown
 * @param noticeVersion for a grant: its version
 * @param evidence    what the person said or did, as text ("TD")
 * @param idempotencyKey the platform's id of the event — required: the host records each id once
 *                       per connector, for ever (a callback sent again, however late, records
 *                       nothing and is answered as a duplicate), and refuses an event without one
 */
public record ConsentCommand(List<SubjectIdentifier> identifiers, List<String> purposes, String action, String channel, String method,
                             Optional<String> noticeCode, Optional<String> noticeVersion, Optional<String> evidence,
                             Optional<Instant> occurredAt, Optional<String> idempotencyKey) {

    public ConsentCommand {
        identifiers = List.copyOf(identifiers);
        purposes = List.copyOf(purposes);
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(noticeCode, "noticeCode");
        Objects.requireNonNull(noticeVersion, "noticeVersion");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }

    /** This command with the platform's id of the event. */
    public ConsentCommand withEventId(String eventId) {
        return new ConsentCommand(identifiers, purposes, action, channel, method, noticeCode, noticeVersion, evidence, occurredAt,
                Optional.of(eventId));
    }

    /** A withdrawal of {@code purposes} by the subject with {@code identifiers}. */
    public static ConsentCommand withdraw(List<SubjectIdentifier> identifiers, List<String> purposes, String channel, String method,
                                          String evidence, Instant occurredAt) {
        return new ConsentCommand(identifiers, purposes, "withdraw", channel, method, Optional.empty(), Optional.empty(),
                Optional.ofNullable(evidence), Optional.ofNullable(occurredAt), Optional.empty());
    }
}
