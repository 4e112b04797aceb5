package org.opencpm.connectors.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A consent event a callback asks OpenCPM to record, exactly as if a client had posted it: every
 * consent rule applies. Make one with {@link #grant}, {@link #withdraw} or {@link #deny}, which
 * take the platform's event id; the canonical constructor passes values through as the platform
 * gave them (the host refuses, with the reason, what is no valid event).
 *
 * @param purposes    the purposes concerned (several only for withdrawals and denials, or ordinary purposes)
 * @param action      {@code grant}, {@code withdraw}, {@code deny} or {@code confirm}
 * @param channel     where it was collected: a {@link CollectionChannel#code()} ({@code sms}, {@code wechat}, {@code crm}…)
 * @param method      how: a {@link ConsentMethod#code()} ({@code sms_reply}, {@code button}…)
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

    /**
     * A withdrawal of {@code purposes} by the subject with {@code identifiers}, as the platform's
     * event {@code eventId} (since 1.2.0).
     *
     * @param eventId    the platform's id of the event: the same each time it sends the event (the host records each once)
     * @param evidence   what the person said or did, as text ("TD"); may be null
     * @param occurredAt when the person acted; null: when it is recorded
     * @throws IllegalArgumentException when {@code eventId} is blank
     */
    public static ConsentCommand withdraw(String eventId, List<SubjectIdentifier> identifiers, List<String> purposes,
                                          CollectionChannel channel, ConsentMethod method, String evidence, Instant occurredAt) {
        return of(eventId, "withdraw", identifiers, purposes, Optional.empty(), Optional.empty(), channel, method, evidence, occurredAt);
    }

    /** A denial ("no", asked and answered) of {@code purposes}, as the platform's event {@code eventId}; see {@link #withdraw(String, List, List, CollectionChannel, ConsentMethod, String, Instant)} (since 1.2.0). */
    public static ConsentCommand deny(String eventId, List<SubjectIdentifier> identifiers, List<String> purposes,
                                      CollectionChannel channel, ConsentMethod method, String evidence, Instant occurredAt) {
        return of(eventId, "deny", identifiers, purposes, Optional.empty(), Optional.empty(), channel, method, evidence, occurredAt);
    }

    /**
     * A grant of {@code purposes} on the notice {@code noticeCode} at {@code noticeVersion} (the one
     * the person was shown), as the platform's event {@code eventId}; see
     * {@link #withdraw(String, List, List, CollectionChannel, ConsentMethod, String, Instant)} (since 1.2.0).
     */
    public static ConsentCommand grant(String eventId, List<SubjectIdentifier> identifiers, List<String> purposes, String noticeCode,
                                       String noticeVersion, CollectionChannel channel, ConsentMethod method, String evidence,
                                       Instant occurredAt) {
        return of(eventId, "grant", identifiers, purposes, Optional.of(Objects.requireNonNull(noticeCode, "noticeCode")),
                Optional.of(Objects.requireNonNull(noticeVersion, "noticeVersion")), channel, method, evidence, occurredAt);
    }

    private static ConsentCommand of(String eventId, String action, List<SubjectIdentifier> identifiers, List<String> purposes,
                                     Optional<String> noticeCode, Optional<String> noticeVersion, CollectionChannel channel,
                                     ConsentMethod method, String evidence, Instant occurredAt) {
        if (eventId == null || eventId.isBlank()) {
            throw new IllegalArgumentException("the platform's event id is required: the host records each event once by it");
        }
        return new ConsentCommand(identifiers, purposes, action, channel.code(), method.code(), noticeCode, noticeVersion,
                Optional.ofNullable(evidence), Optional.ofNullable(occurredAt), Optional.of(eventId));
    }

    /**
     * A withdrawal without the platform's event id, which the host refuses ({@code event-id-required})
     * unless {@link #withEventId} follows.
     *
     * @deprecated since 1.2.0: use {@link #withdraw(String, List, List, CollectionChannel, ConsentMethod, String, Instant)},
     *             which takes the id
     */
    @Deprecated(since = "1.2.0")
    public static ConsentCommand withdraw(List<SubjectIdentifier> identifiers, List<String> purposes, String channel, String method,
                                          String evidence, Instant occurredAt) {
        return new ConsentCommand(identifiers, purposes, "withdraw", channel, method, Optional.empty(), Optional.empty(),
                Optional.ofNullable(evidence), Optional.ofNullable(occurredAt), Optional.empty());
    }
}
