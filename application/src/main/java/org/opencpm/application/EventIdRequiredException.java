package org.opencpm.application;

import org.opencpm.domain.DomainException;

/**
 * A platform's callback carried an event without the platform's id of it. Without an id an event
 * cannot be recorded at most once: a captured grant could be replayed after the person withdrew
 * (PIPL Art. 15: a withdrawal must hold), so it is refused.
 */
public final class EventIdRequiredException extends DomainException {

    public EventIdRequiredException() {
        super("event-id-required", Kind.INVALID_INPUT, "every inbound event needs the platform's id of it, so that it is recorded at most once");
    }
}
