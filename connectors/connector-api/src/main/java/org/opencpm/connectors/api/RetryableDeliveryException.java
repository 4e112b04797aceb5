package org.opencpm.connectors.api;

import java.time.Duration;
import java.util.Optional;

/** The platform could not take the change now (busy, quota, token expired): try again, after {@link #retryAfter()} if it said. */
public class RetryableDeliveryException extends RuntimeException {

    private final Duration retryAfter;

    public RetryableDeliveryException(String message) {
        this(message, null);
    }

    public RetryableDeliveryException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
