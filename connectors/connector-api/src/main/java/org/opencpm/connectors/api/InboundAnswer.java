package org.opencpm.connectors.api;

import java.util.List;

/**
 * Renders the platform's answer to a callback from what became of its events. The host calls it
 * <em>after</em> it tried to record every event, so the platform is never told "accepted" for an
 * event that was refused or lost. Return the platform's own format where it has one.
 *
 * <p>The host holds the answer to what happened, whatever it says: when an event failed it
 * answers 503 unless the status is a 5xx already, and when no event was taken (all refused, or
 * none) it answers 422 unless the status is a 4xx or 5xx already ({@link EventOutcome#status}).
 * An answer that throws is replaced by {@link #STANDARD}. Commands in the returned response are ignored.
 */
@FunctionalInterface
public interface InboundAnswer {

    InboundResponse answer(List<EventOutcome> outcomes);

    /**
     * OpenCPM's own answer, for platforms that take whatever JSON they get: status from
     * {@link EventOutcome#status}, and
     * {@code {"recorded":1,"duplicates":0,"refused":1,"failed":0,"events":[{"index":0,"id":"e-1","outcome":"recorded"},
     * {"index":1,"id":"e-2","outcome":"refused","code":"purpose-not-found","reason":"…"}]}}.
     */
    InboundAnswer STANDARD = outcomes -> {
        StringBuilder events = new StringBuilder();
        int[] counts = new int[EventOutcome.Kind.values().length];
        for (EventOutcome o : outcomes) {
            counts[o.kind().ordinal()]++;
            events.append(events.isEmpty() ? "" : ",").append("{\"index\":").append(o.index());
            o.eventId().ifPresent(id -> events.append(",\"id\":").append(JsonText.quote(id)));
            events.append(",\"outcome\":\"").append(o.kind().code()).append('"');
            o.code().ifPresent(code -> events.append(",\"code\":").append(JsonText.quote(code)));
            o.reason().ifPresent(reason -> events.append(",\"reason\":").append(JsonText.quote(reason)));
            events.append('}');
        }
        String json = "{\"recorded\":" + counts[EventOutcome.Kind.RECORDED.ordinal()]
                + ",\"duplicates\":" + counts[EventOutcome.Kind.DUPLICATE.ordinal()]
                + ",\"refused\":" + counts[EventOutcome.Kind.REFUSED.ordinal()]
                + ",\"failed\":" + counts[EventOutcome.Kind.FAILED.ordinal()]
                + ",\"events\":[" + events + "]}";
        return InboundResponse.json(EventOutcome.status(outcomes), json);
    };
}
