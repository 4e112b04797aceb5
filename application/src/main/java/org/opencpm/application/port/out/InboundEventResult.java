package org.opencpm.application.port.out;

import java.util.Optional;
import org.opencpm.domain.DomainException;

/**
 * What became of one event of a callback: the platform is answered from these, after all of them
 * were tried.
 *
 * @param index   the event's position in the callback
 * @param eventId the platform's id of it, if it had one
 * @param code    for a refusal: the rule it broke
 * @param reason  for a refusal: why, in words
 */
public record InboundEventResult(int index, Optional<String> eventId, Kind kind, Optional<String> code, Optional<String> reason) {

    /** What became of an event. */
    public enum Kind {
        /** Recorded now. */
        RECORDED,
        /** Recorded before under the same id: nothing was written. */
        DUPLICATE,
        /** A rule refused it: nothing was written, and sending it again will not help. */
        REFUSED,
        /** Recording failed: nothing was written, the platform should send it again. */
        FAILED
    }

    public static InboundEventResult recorded(int index, Optional<String> eventId, boolean before) {
        return new InboundEventResult(index, eventId, before ? Kind.DUPLICATE : Kind.RECORDED, Optional.empty(), Optional.empty());
    }

    public static InboundEventResult refused(int index, Optional<String> eventId, DomainException refusal) {
        return new InboundEventResult(index, eventId, Kind.REFUSED, Optional.of(refusal.code()), Optional.ofNullable(refusal.getMessage()));
    }

    public static InboundEventResult failed(int index, Optional<String> eventId) {
        return new InboundEventResult(index, eventId, Kind.FAILED, Optional.empty(), Optional.of("it could not be recorded now; send it again"));
    }

    /** Recorded, now or before. */
    public boolean taken() {
        return kind == Kind.RECORDED || kind == Kind.DUPLICATE;
    }
}
