package org.opencpm.connectors.testkit;

import java.util.Optional;

/**
 * One event of a callback as the host would record it, read from the connector's
 * {@link org.opencpm.connectors.api.ConsentCommand}: either a consent record (with the host's
 * idempotency key, {@code connector:<connector id>:<the platform's event id>}) or a refusal (with
 * its stable code and reason).
 *
 * @param index          the event's position in the callback (0, 1, …)
 * @param eventId        the platform's id of the event, if it had one
 * @param idempotencyKey the key the host records it under, when it would be recorded
 * @param refusalCode    why the host would refuse it ({@code event-id-required}, {@code invalid-value}…), when it would
 * @param refusalReason  the refusal in words
 */
public record CallbackEvent(int index, Optional<String> eventId, Optional<String> idempotencyKey, Optional<String> refusalCode,
                            Optional<String> refusalReason) {

    /** Whether the host would refuse the event rather than record it. */
    public boolean refused() {
        return refusalCode.isPresent();
    }
}
