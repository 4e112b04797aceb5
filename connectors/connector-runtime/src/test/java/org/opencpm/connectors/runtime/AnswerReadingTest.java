package org.opencpm.connectors.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;
import org.opencpm.connectors.api.AnswerMapping;
import org.opencpm.connectors.api.DeliveryVerdict;
import org.opencpm.connectors.api.PermanentDeliveryException;
import org.opencpm.connectors.api.PlatformAnswer;

/** A connector's reading of its platform's answers comes first; the host's reading covers the rest. */
class AnswerReadingTest {

    private static final Instant NOW = Instant.parse("2026-11-29T06:00:00Z");

    /** 404: nothing to do; 400 with the platform's error code: permanent with it; 200 with errcode ≠ 0: permanent. */
    private static final AnswerMapping CRM = answer -> {
        if (answer.status() == 404) {
            return Optional.of(DeliveryVerdict.nothingToDo("the CRM does not know this person"));
        }
        if (answer.body().contains("\"errcode\":40003")) {
            return Optional.of(DeliveryVerdict.permanent("invalid openid (errcode 40003)"));
        }
        return Optional.empty();
    };

    private final AnswerReading reading = new AnswerReading("crm", CRM, getClass().getClassLoader(), new Scrubber(Set.of("s3cret")));

    private static Exception http(int status, String body) {
        return new CamelExecutionException("failed", null,
                new HttpOperationFailedException("https://crm.example/api", status, "x", null, Map.of("Retry-After", "7"), body));
    }

    @Test
    void a_404_the_connector_calls_nothing_to_do_is_settled_not_dead() {
        DeliveryOutcome outcome = reading.afterFailure(http(404, "{}"), NOW);
        assertThat(outcome).isInstanceOf(DeliveryOutcome.Done.class);
        assertThat(outcome.reason()).isEqualTo("nothing to do: the CRM does not know this person");
        assertThat(AnswerReading.STANDARD.afterFailure(http(404, "{}"), NOW)).as("the host's own reading").isInstanceOf(DeliveryOutcome.Dead.class);
    }

    @Test
    void an_answer_the_connector_calls_permanent_is_dead_with_its_reason_whatever_the_status() {
        DeliveryOutcome outcome = reading.afterFailure(http(503, "{\"errcode\":40003}"), NOW);
        assertThat(outcome).isEqualTo(new DeliveryOutcome.Dead("invalid openid (errcode 40003)"));
        assertThat(reading.afterSend(Optional.of(new PlatformAnswer(200, Map.of(), "{\"errcode\":40003}"))))
                .as("a 200 carrying an error code").isEqualTo(new DeliveryOutcome.Dead("invalid openid (errcode 40003)"));
    }

    @Test
    void answers_the_connector_has_no_verdict_on_keep_the_hosts_reading() {
        assertThat(reading.afterFailure(http(503, "busy"), NOW)).isEqualTo(FailureClassifier.classify(http(503, "busy"), NOW));
        assertThat(reading.afterFailure(http(400, "bad"), NOW)).isInstanceOf(DeliveryOutcome.Dead.class);
        assertThat(reading.afterSend(Optional.of(new PlatformAnswer(200, Map.of(), "{\"errcode\":0}")))).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(reading.afterSend(Optional.empty())).isEqualTo(DeliveryOutcome.DELIVERED);
    }

    @Test
    void what_the_route_threw_on_purpose_is_not_read_again() {
        Exception thrown = new PermanentDeliveryException("unknown member", http(404, "{}"));
        assertThat(reading.afterFailure(thrown, NOW)).isEqualTo(new DeliveryOutcome.Dead("PermanentDeliveryException: unknown member"));
    }

    @Test
    void a_mapping_that_throws_leaves_the_answer_to_the_hosts_reading() {
        AnswerReading broken = new AnswerReading("crm", answer -> {
            throw new IllegalStateException("mapping bug near s3cret");
        }, getClass().getClassLoader(), new Scrubber(Set.of("s3cret")));
        assertThat(broken.afterFailure(http(404, "{}"), NOW)).isInstanceOf(DeliveryOutcome.Dead.class);
        assertThat(broken.afterFailure(http(502, "{}"), NOW)).isInstanceOf(DeliveryOutcome.Retry.class);
        assertThat(broken.afterSend(Optional.of(new PlatformAnswer(200, Map.of(), "")))).isEqualTo(DeliveryOutcome.DELIVERED);
    }
}
