package org.opencpm.connectors.runtime;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.opencpm.connectors.api.PermanentDeliveryException;
import org.opencpm.connectors.api.RetryableDeliveryException;

/**
 * Tells a passing failure from a lasting one, for every connector alike: an HTTP 4xx is lasting
 * (but 408 Request Timeout, 425 Too Early and 429 Too Many Requests), everything else passes,
 * and a {@code Retry-After} on a 429 or 503 says when to try again.
 */
final class FailureClassifier {

    /** How deep a failure's causes are searched. */
    static final int CAUSE_DEPTH = 10;

    private FailureClassifier() {
    }

    static DeliveryOutcome classify(Throwable failure, Instant now) {
        return decisiveCause(failure).map(cause -> switch (cause) {
            case PermanentDeliveryException permanent -> new DeliveryOutcome.Dead(describe(permanent));
            case RetryableDeliveryException retryable -> new DeliveryOutcome.Retry(describe(retryable), retryable.retryAfter());
            case HttpOperationFailedException http -> {
                int status = http.getStatusCode();
                String reason = "HTTP " + status + " from the platform";
                yield status >= 400 && status < 500 && status != 408 && status != 425 && status != 429
                        ? new DeliveryOutcome.Dead(reason)
                        : new DeliveryOutcome.Retry(reason, retryAfter(http.getResponseHeaders(), now));
            }
            default -> new DeliveryOutcome.Retry(cause.getClass().getSimpleName() + ": " + cause.getMessage(), Optional.empty());
        }).orElseGet(() -> new DeliveryOutcome.Retry(describe(failure), Optional.empty()));
    }

    /**
     * The first cause, at most {@value #CAUSE_DEPTH} deep, that says what a failed send was: the
     * route's own {@link PermanentDeliveryException} or {@link RetryableDeliveryException}, the
     * platform's HTTP answer, or an I/O failure; empty when none does.
     */
    static Optional<Throwable> decisiveCause(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < CAUSE_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof PermanentDeliveryException || cause instanceof RetryableDeliveryException
                    || cause instanceof HttpOperationFailedException || cause instanceof IOException) {
                return Optional.of(cause);
            }
        }
        return Optional.empty();
    }

    /** {@code Retry-After} as seconds or as an HTTP date. */
    static Optional<Duration> retryAfter(Map<String, String> headers, Instant now) {
        if (headers == null) {
            return Optional.empty();
        }
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Retry-After")).map(Map.Entry::getValue)
                .findFirst().flatMap(value -> {
                    String v = value.strip();
                    try {
                        return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
                    } catch (NumberFormatException notSeconds) {
                        try {
                            return Optional.of(Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()));
                        } catch (DateTimeParseException notADate) {
                            return Optional.empty();
                        }
                    }
                });
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
