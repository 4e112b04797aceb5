package org.opencpm.application.port.in;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.opencpm.application.ConfirmationTokenRequiredException;
import org.opencpm.domain.Checks;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.consent.ConsentAction;
import org.opencpm.domain.consent.Evidence;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.Guardian;

/**
 * One consent event: who, which purposes, what they did, on which notice, through which
 * channel and method, with what evidence, when. A confirmation of a double opt-in is not one of
 * these: it needs the person's token ({@link ConfirmDoubleOptInCommand}).
 *
 * @param occurredAt     when the person acted; empty means now
 * @param idempotencyKey a client's key for this event: sending it again returns the first answer; keys
 *                       starting with {@value #CONNECTOR_KEYS} are those of connectors' inbound events,
 *                       {@code connector:<id>:<event id>}, and only that connector may use them
 */
public record RecordConsentCommand(
        SubjectReference subject,
        List<PurposeCode> purposes,
        ConsentAction action,
        Optional<NoticeRef> notice,
        Evidence evidence,
        Optional<Guardian> guardian,
        Optional<Instant> occurredAt,
        Optional<String> idempotencyKey,
        Actor actor) {

    /** The most purposes one event may carry. */
    public static final int MAX_PURPOSES = 50;
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,128}");
    /** The idempotency keys of connectors' inbound events: {@code connector:<connector id>:<the platform's event id>}. */
    public static final String CONNECTOR_KEYS = "connector:";

    public RecordConsentCommand {
        Checks.required(subject, "subject");
        purposes = List.copyOf(Checks.notEmpty(Checks.required(purposes, "purposes"), "purposes"));
        if (purposes.size() > MAX_PURPOSES) {
            throw new InvalidValueException("purposes", "at most " + MAX_PURPOSES + " purposes in one event");
        }
        if (new HashSet<>(purposes).size() != purposes.size()) {
            throw new InvalidValueException("purposes", "a purpose is listed twice");
        }
        Checks.required(action, "action");
        if (action == ConsentAction.EXPIRE) {
            throw new InvalidValueException("action", "expiry is recorded by OpenCPM, not sent");
        }
        if (action == ConsentAction.CONFIRM) {
            // Only the token sent to the person confirms (ConfirmDoubleOptInCommand), never a bare event.
            throw new ConfirmationTokenRequiredException();
        }
        Checks.required(notice, "notice");
        Checks.required(evidence, "evidence");
        Checks.required(guardian, "guardian");
        Checks.required(occurredAt, "occurredAt");
        Checks.required(actor, "actor");
        Checks.required(idempotencyKey, "idempotencyKey").ifPresent(key -> {
            if (!KEY.matcher(key).matches()) {
                throw new InvalidValueException("idempotencyKey", "must be 1–128 printable ASCII characters without spaces");
            }
            // A connector's events are kept under connector:<id>:<event id>: no one else may take
            // (or spoil) one of its ids in advance.
            if (key.startsWith(CONNECTOR_KEYS) && !key.startsWith(actor.id() + ":")) {
                throw new InvalidValueException("idempotencyKey", "keys starting with '" + CONNECTOR_KEYS + "' are the connectors' own");
            }
        });
    }
}
