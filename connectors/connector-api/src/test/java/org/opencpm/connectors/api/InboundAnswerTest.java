package org.opencpm.connectors.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InboundAnswerTest {

    private static EventOutcome outcome(int index, String id, EventOutcome.Kind kind) {
        return new EventOutcome(index, Optional.ofNullable(id), kind, Optional.empty(), Optional.empty());
    }

    @Test
    void the_standard_answer_says_per_event_what_became_of_it() {
        List<EventOutcome> outcomes = List.of(outcome(0, "e-1", EventOutcome.Kind.RECORDED), outcome(1, "e-2", EventOutcome.Kind.DUPLICATE),
                new EventOutcome(2, Optional.empty(), EventOutcome.Kind.REFUSED, Optional.of("event-id-required"),
                        Optional.of("a \"quoted\"\nreason\u0001")));
        InboundResponse answer = InboundAnswer.STANDARD.answer(outcomes);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"recorded\":1,\"duplicates\":1,\"refused\":1,\"failed\":0,"
                + "\"events\":[{\"index\":0,\"id\":\"e-1\",\"outcome\":\"recorded\"},{\"index\":1,\"id\":\"e-2\",\"outcome\":\"duplicate\"},"
                + "{\"index\":2,\"outcome\":\"refused\",\"code\":\"event-id-required\",\"reason\":\"a \\\"quoted\\\"\\nreason\\u0001\"}]}");
    }

    @Test
    void the_status_is_503_when_an_event_failed_422_when_none_was_taken_else_200() {
        assertThat(EventOutcome.status(List.of(outcome(0, "a", EventOutcome.Kind.RECORDED), outcome(1, "b", EventOutcome.Kind.FAILED))))
                .isEqualTo(503);
        assertThat(EventOutcome.status(List.of(outcome(0, "a", EventOutcome.Kind.REFUSED)))).isEqualTo(422);
        assertThat(EventOutcome.status(List.of())).isEqualTo(422);
        assertThat(EventOutcome.status(List.of(outcome(0, "a", EventOutcome.Kind.DUPLICATE), outcome(1, "b", EventOutcome.Kind.REFUSED))))
                .isEqualTo(200);
    }
}
