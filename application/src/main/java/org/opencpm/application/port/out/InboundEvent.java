package org.opencpm.application.port.out;

import java.util.Optional;
import org.opencpm.application.port.in.RecordConsentCommand;
import org.opencpm.domain.DomainException;

/**
 * One event of a platform's callback: the platform's id of it, and the consent event to record —
 * or the rule it broke before it could become one (an unknown action, a phone that is no phone, no
 * id). The command's idempotency key is {@code connector:<connector id>:<event id>}, so the event is
 * recorded at most once per connector, however late it comes back.
 */
public record InboundEvent(Optional<String> eventId, Optional<RecordConsentCommand> command, Optional<DomainException> refusal) {

    public InboundEvent {
        if (command.isPresent() == refusal.isPresent()) {
            throw new IllegalArgumentException("an inbound event is either a command or a refusal");
        }
    }

    public static InboundEvent toRecord(String eventId, RecordConsentCommand command) {
        return new InboundEvent(Optional.of(eventId), Optional.of(command), Optional.empty());
    }

    public static InboundEvent refused(Optional<String> eventId, DomainException refusal) {
        return new InboundEvent(eventId, Optional.empty(), Optional.of(refusal));
    }
}
