package org.opencpm.connectors.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one event of a callback, once the host tried to record it: what an
 * {@link InboundAnswer} tells the platform.
 *
 * @param index   the event's position in {@link InboundResponse#commands()} (0, 1, …)
 * @param eventId the platform's id of the event ({@link ConsentCommand#idempotencyKey()}), if it had one
 * @param kind    recorded, duplicate, refused or failed
 * @param code    for a refusal: the stable code of the rule it broke ({@code purpose-not-found}, {@code event-id-required}…)
 * @param reason  for a refusal: why, in words (it may quote what the platform sent, never anything else)
 */
public record EventOutcome(int index, Optional<String> eventId, Kind kind, Optional<String> code, Optional<String> reason) {

    /** What became of an event. */
    public enum Kind {
        /** Recorded now. */
        RECORDED,
        /** Recorded before under the same id (a retry or a replay): nothing was written this time. */
        DUPLICATE,
        /** A rule refused it (unknown purpose, invalid phone, no notice, no id…): nothing was written; sending it again will not help. */
        REFUSED,
        /** Recording failed (the database was unreachable…): nothing was written; the platform should send it again. */
        FAILED;

        /** {@code recorded}, {@code duplicate}, {@code refused}, {@code failed}. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public EventOutcome {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
    }

    /** Whether OpenCPM holds the event now: recorded, this time or before. */
    public boolean taken() {
        return kind == Kind.RECORDED || kind == Kind.DUPLICATE;
    }

    /**
     * The HTTP status the outcomes call for, which the host holds every answer to: 503 when an
     * event failed (so that the platform sends the callback again; what was recorded comes back as
     * duplicates), 422 when none was taken (nothing was recorded: every event was refused, or there
     * was none), otherwise 200 — the body says which events were refused.
     */
    public static int status(List<EventOutcome> outcomes) {
        if (outcomes.stream().anyMatch(o -> o.kind() == Kind.FAILED)) {
            return 503;
        }
        return outcomes.stream().anyMatch(EventOutcome::taken) ? 200 : 422;
    }
}
