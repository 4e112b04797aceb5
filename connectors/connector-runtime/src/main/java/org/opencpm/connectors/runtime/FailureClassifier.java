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

    private FailureClassifier() {
    }

    static DeliveryOutcome classify(Throwable failure, Instant now) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
            if (cause instanceof PermanentDeliveryException permanent) {
                return new DeliveryOutcome.Dead(describe(permanent));
            }
            if (cause instanceof RetryableDeliveryException retryable) {
                return new DeliveryOutcome.Retry(describe(retryable), retryable.retryAfter());
            }
            if (cause instanceof HttpOperationFailedException http) {
                int status = http.getStatusCode();
                String reason = "HTTP " + status + " from the platform";
                if (status >= 400 && status < 500 && status != 408 && status != 425 && status != 429) {
                    return new DeliveryOutcome.Dead(reason);
                }
                return new DeliveryOutcome.Retry(reason, retryAfter(http.getResponseHeaders(), now));
            }
            if (cause instanceof IOException io) {
                return new DeliveryOutcome.Retry(io.getClass().getSimpleName() + ": " + io.getMessage(), Optional.empty());
            }
        }
        return new DeliveryOutcome.Retry(describe(failure), Optional.empty());
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
