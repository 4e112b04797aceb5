package org.opencpm.connectors.runtime;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.opencpm.connectors.api.AnswerMapping;
import org.opencpm.connectors.api.DeliveryVerdict;
import org.opencpm.connectors.api.PermanentDeliveryException;
import org.opencpm.connectors.api.PlatformAnswer;
import org.opencpm.connectors.api.RetryableDeliveryException;

/**
 * What a send means, read the connector's way first: its {@link AnswerMapping} is asked about the
 * platform's HTTP answer (a failed one, or the 2xx that ended the route when it has a mapping of
 * its own), and a verdict it gives decides — nothing to do settles the deliveries, permanent makes
 * them dead with its reason. Without a verdict the host's reading applies ({@link FailureClassifier}).
 * An exception the route threw on purpose ({@link PermanentDeliveryException},
 * {@link RetryableDeliveryException}) is not second-guessed.
 */
final class AnswerReading {

    private static final Logger LOG = Logger.getLogger(AnswerReading.class.getName());

    /** The host's reading alone. */
    static final AnswerReading STANDARD = new AnswerReading("?", AnswerMapping.STANDARD, AnswerReading.class.getClassLoader(),
            new Scrubber(Set.of()));

    private final String connectorId;
    private final AnswerMapping mapping;
    private final ClassLoader loader;
    private final Scrubber scrubber;

    AnswerReading(String connectorId, AnswerMapping mapping, ClassLoader loader, Scrubber scrubber) {
        this.connectorId = connectorId;
        this.mapping = mapping == null ? AnswerMapping.STANDARD : mapping;
        this.loader = loader;
        this.scrubber = scrubber;
    }

    /** The HTTP answer that ended a route which went through, for a connector that reads 2xx answers too. */
    Optional<PlatformAnswer> answerOf(Exchange sent) {
        if (mapping == AnswerMapping.STANDARD) {
            return Optional.empty();
        }
        Message message = sent.getMessage();
        Integer status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status == null) {
            return Optional.empty(); // the route did not end in an HTTP call
        }
        Map<String, String> headers = new LinkedHashMap<>();
        message.getHeaders().forEach((name, value) -> {
            if (value instanceof String text) {
                headers.put(name, text);
            }
        });
        String body = message.getBody(String.class);
        return Optional.of(new PlatformAnswer(status, headers, body == null ? "" : body));
    }

    /** What a send that went through means: delivered, unless the connector reads its answer otherwise. */
    DeliveryOutcome afterSend(Optional<PlatformAnswer> answer) {
        return answer.flatMap(this::verdict).map(AnswerReading::outcome).orElse(DeliveryOutcome.DELIVERED);
    }

    /** What a failed send means: the connector's verdict on the platform's answer, or the host's reading. */
    DeliveryOutcome afterFailure(Throwable failure, Instant now) {
        return httpAnswer(failure).flatMap(this::verdict).map(AnswerReading::outcome)
                .orElseGet(() -> FailureClassifier.classify(failure, now));
    }

    /** The platform's HTTP answer in a failed send, unless the route threw its own verdict (not second-guessed). */
    private Optional<PlatformAnswer> httpAnswer(Throwable failure) {
        if (mapping == AnswerMapping.STANDARD) {
            return Optional.empty();
        }
        return FailureClassifier.decisiveCause(failure)
                .filter(HttpOperationFailedException.class::isInstance)
                .map(HttpOperationFailedException.class::cast)
                .map(http -> new PlatformAnswer(http.getStatusCode(),
                        http.getResponseHeaders() == null ? Map.of() : http.getResponseHeaders(),
                        http.getResponseBody() == null ? "" : http.getResponseBody()));
    }

    private Optional<DeliveryVerdict> verdict(PlatformAnswer answer) {
        try {
            Optional<DeliveryVerdict> verdict = PluginCalls.withContextLoader(loader, () -> mapping.verdict(answer));
            return verdict == null ? Optional.empty() : verdict;
        } catch (Exception | LinkageError e) {
            LOG.warning(() -> "connector " + connectorId + ": its answer mapping failed on an HTTP " + answer.status()
                    + "; the host's reading applies: " + scrubber.scrub(e.getClass().getName() + ": " + e.getMessage()));
            return Optional.empty();
        }
    }

    private static DeliveryOutcome outcome(DeliveryVerdict verdict) {
        return switch (verdict) {
            case DeliveryVerdict.Permanent permanent -> new DeliveryOutcome.Dead(permanent.reason());
            case DeliveryVerdict.NothingToDo nothing -> new DeliveryOutcome.Done("nothing to do: " + nothing.reason());
        };
    }
}
