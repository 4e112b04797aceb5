package org.opencpm.connectors.runtime;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import org.opencpm.application.port.in.CallbackResponse;
import org.opencpm.application.port.out.InboundEventResult;
import org.opencpm.application.port.out.InboundOutcome;
import org.opencpm.connectors.api.EventOutcome;
import org.opencpm.connectors.api.InboundAnswer;
import org.opencpm.connectors.api.InboundResponse;

/**
 * The platform's answer to a callback, rendered by its connector's {@link InboundAnswer} once the
 * host tried to record every event — never before. A connector written against SPI 1.0 (a fixed
 * answer next to its commands) has its answer sent only when every event was taken; otherwise the
 * platform gets {@link InboundAnswer#STANDARD}, which says per event what became of it. An answer
 * that throws is replaced by the standard one too: the events are recorded by then.
 */
final class InboundAnswers {

    private static final Logger LOG = Logger.getLogger(InboundAnswers.class.getName());

    /** Runs the connector's code with its class loader as the context loader. */
    interface PluginCall {
        <T> T call(Callable<T> work) throws Exception;
    }

    private InboundAnswers() {
    }

    static InboundOutcome.Answer of(String connectorId, InboundResponse response, PluginCall plugin, Scrubber scrubber) {
        if (response.answer().isEmpty()) {
            CallbackResponse fixed = toCallback(response);
            return results -> results.stream().allMatch(InboundEventResult::taken) ? fixed : standard(results);
        }
        InboundAnswer answer = response.answer().get();
        return results -> {
            try {
                return toCallback(plugin.call(() -> answer.answer(outcomes(results))));
            } catch (Exception | LinkageError e) {
                LOG.warning(() -> "connector " + connectorId + " failed to render its answer; the standard one was sent: "
                        + scrubber.scrub(e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage())));
                return standard(results);
            }
        };
    }

    static CallbackResponse standard(List<InboundEventResult> results) {
        return toCallback(InboundAnswer.STANDARD.answer(outcomes(results)));
    }

    static List<EventOutcome> outcomes(List<InboundEventResult> results) {
        return results.stream().map(r -> new EventOutcome(r.index(), r.eventId(), EventOutcome.Kind.valueOf(r.kind().name()), r.code(),
                r.reason())).toList();
    }

    private static CallbackResponse toCallback(InboundResponse response) {
        return new CallbackResponse(response.status(), response.contentType(), response.body());
    }
}
