package org.opencpm.connectors.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.connectors.api.PermanentDeliveryException;
import org.opencpm.connectors.api.RetryableDeliveryException;

class FailureClassifierTest {

    private static final Instant NOW = Instant.parse("2026-11-29T06:00:00Z");

    private static HttpOperationFailedException http(int status, Map<String, String> headers) {
        return new HttpOperationFailedException("https://platform.example/api?access_token=t0ken", status, "x", null, headers, "{}");
    }

    @Test
    @DisplayName("A 4xx is a refusal retrying will not mend: dead, with no URL (and so no token) in the reason")
    void a_4xx_is_dead() {
        DeliveryOutcome outcome = FailureClassifier.classify(new CamelExecutionException("failed", null, http(400, Map.of())), NOW);
        assertThat(outcome).isInstanceOf(DeliveryOutcome.Dead.class);
        assertThat(outcome.reason()).isEqualTo("HTTP 400 from the platform").doesNotContain("t0ken");
    }

    @Test
    void timeouts_and_throttling_among_the_4xx_are_retried() {
        for (int status : new int[] {408, 425, 429}) {
            assertThat(FailureClassifier.classify(http(status, Map.of()), NOW)).as("HTTP %d", status).isInstanceOf(DeliveryOutcome.Retry.class);
        }
    }

    @Test
    void a_5xx_or_a_broken_connection_is_retried() {
        assertThat(FailureClassifier.classify(http(502, Map.of()), NOW)).isInstanceOf(DeliveryOutcome.Retry.class);
        assertThat(FailureClassifier.classify(new RuntimeException(new SocketTimeoutException("Read timed out")), NOW))
                .isInstanceOf(DeliveryOutcome.Retry.class);
        assertThat(FailureClassifier.classify(new IOException("Connection reset"), NOW).reason()).contains("Connection reset");
    }

    @Test
    @DisplayName("Retry-After is read as seconds or as an HTTP date")
    void retry_after_in_seconds_or_as_a_date() {
        DeliveryOutcome seconds = FailureClassifier.classify(http(429, Map.of("Retry-After", "7")), NOW);
        assertThat(((DeliveryOutcome.Retry) seconds).after()).contains(Duration.ofSeconds(7));
        DeliveryOutcome date = FailureClassifier.classify(http(503, Map.of("retry-after", "Sun, 29 Nov 2026 06:01:00 GMT")), NOW);
        assertThat(((DeliveryOutcome.Retry) date).after()).contains(Duration.ofMinutes(1));
        DeliveryOutcome nonsense = FailureClassifier.classify(http(503, Map.of("Retry-After", "soon")), NOW);
        assertThat(((DeliveryOutcome.Retry) nonsense).after()).isEmpty();
    }

    @Test
    void a_connector_may_say_for_itself() {
        assertThat(FailureClassifier.classify(new PermanentDeliveryException("phone rejected"), NOW)).isInstanceOf(DeliveryOutcome.Dead.class);
        DeliveryOutcome later = FailureClassifier.classify(new RetryableDeliveryException("quota", Duration.ofSeconds(30)), NOW);
        assertThat(((DeliveryOutcome.Retry) later).after()).isEqualTo(Optional.of(Duration.ofSeconds(30)));
    }
}
