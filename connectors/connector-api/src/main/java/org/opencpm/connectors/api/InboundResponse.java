package org.opencpm.connectors.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a handler made of a callback: the consent events to record, and how to answer the platform.
 *
 * <ul>
 *   <li>Events to record: {@link #record(List)} (OpenCPM's own JSON answer) or {@link #record(List, InboundAnswer)}
 *       (the platform's format). The answer is rendered by the {@link #answer()} after the host
 *       tried to record every event, from what became of each; {@link #status()}, {@link #contentType()}
 *       and {@link #body()} are then not used.</li>
 *   <li>Nothing to record (a handshake, a refused signature, a body that is no event): {@link #json(int, String)},
 *       {@link #text(int, String)}, {@link #unauthorized(String)}.</li>
 * </ul>
 *
 * Every event needs the platform's id ({@link ConsentCommand#idempotencyKey()}): the host records
 * each id once per connector, for ever, and refuses an event without one.
 */
public record InboundResponse(int status, String contentType, byte[] body, List<ConsentCommand> commands,
                              Optional<InboundAnswer> answer) {

    public InboundResponse {
        body = body.clone();
        commands = List.copyOf(commands);
        Objects.requireNonNull(answer, "answer");
    }

    /**
     * The SPI 1.0 shape: an answer written before the events were recorded. The host sends it only
     * if every event was taken (recorded now or before); otherwise it answers with
     * {@link InboundAnswer#STANDARD}. Prefer {@link #record(List, InboundAnswer)}.
     */
    public InboundResponse(int status, String contentType, byte[] body, List<ConsentCommand> commands) {
        this(status, contentType, body, commands, Optional.empty());
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Records {@code commands} and answers in OpenCPM's own JSON ({@link InboundAnswer#STANDARD}), per event. */
    public static InboundResponse record(List<ConsentCommand> commands) {
        return record(commands, InboundAnswer.STANDARD);
    }

    /** Records {@code commands}, then answers with what {@code answer} renders from their outcomes. */
    public static InboundResponse record(List<ConsentCommand> commands, InboundAnswer answer) {
        return new InboundResponse(202, "application/json", new byte[0], commands, Optional.of(answer));
    }

    /** An answer with nothing to record. */
    public static InboundResponse json(int status, String json) {
        return json(status, json, List.of());
    }

    /** An answer in plain text with nothing to record (platforms that want {@code success}). */
    public static InboundResponse text(int status, String text) {
        return new InboundResponse(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), List.of());
    }

    /** The SPI 1.0 shape (see {@link #InboundResponse(int, String, byte[], List)}); with commands, prefer {@link #record(List, InboundAnswer)}. */
    public static InboundResponse json(int status, String json, List<ConsentCommand> commands) {
        return new InboundResponse(status, "application/json", json.getBytes(StandardCharsets.UTF_8), commands);
    }

    /** A refused callback (bad signature or token): nothing is recorded. */
    public static InboundResponse unauthorized(String json) {
        return json(401, json);
    }
}
