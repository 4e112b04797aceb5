package org.opencpm.application.port.out;

import java.util.List;
import java.util.Objects;
import org.opencpm.application.port.in.CallbackResponse;

/**
 * What a connector made of a callback: the events to record (an SMS "TD" reply becomes a
 * withdrawal), and how to answer the platform once they were — in its own format, from what
 * became of each event. A callback that fails its signature or token check has no events and a
 * fixed answer (401).
 */
public record InboundOutcome(List<InboundEvent> events, Answer answer) {

    /** Renders the platform's answer from what became of each event (in the order of {@link #events()}). */
    @FunctionalInterface
    public interface Answer {
        CallbackResponse render(List<InboundEventResult> results);
    }

    public InboundOutcome {
        events = List.copyOf(events);
        Objects.requireNonNull(answer, "answer");
    }

    /** Nothing to record; this answer (a handshake, a refused signature). */
    public static InboundOutcome answered(int status, String contentType, byte[] body) {
        CallbackResponse response = new CallbackResponse(status, contentType, body);
        return new InboundOutcome(List.of(), results -> response);
    }
}
