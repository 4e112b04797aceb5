package org.opencpm.connectors.testkit;

import java.util.List;
import java.util.function.Function;
import org.opencpm.connectors.api.EventOutcome;
import org.opencpm.connectors.api.InboundResponse;

/**
 * What the host made of a callback the harness handed to the connector: the events it would
 * record or refuse, and the answer the platform would get once they were (rendered by the
 * connector's {@link org.opencpm.connectors.api.InboundAnswer} or the host's standard one).
 */
public final class CallbackResult {

    private final List<CallbackEvent> events;
    private final Function<List<EventOutcome>, InboundResponse> answer;

    CallbackResult(List<CallbackEvent> events, Function<List<EventOutcome>, InboundResponse> answer) {
        this.events = List.copyOf(events);
        this.answer = answer;
    }

    /** The events of the callback, in its order; none for a handshake or a refused signature. */
    public List<CallbackEvent> events() {
        return events;
    }

    /** The answer the platform gets when the events came to these outcomes (status, content type and body; no commands). */
    public InboundResponse answer(List<EventOutcome> outcomes) {
        return answer.apply(outcomes);
    }
}
