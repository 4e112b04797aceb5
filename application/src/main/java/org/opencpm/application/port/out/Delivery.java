package org.opencpm.application.port.out;

import java.time.Instant;
import java.util.Optional;

/**
 * One change to be carried to one connector, and how far it got.
 *
 * @param id            unique and increasing in the order deliveries were written
 * @param attempts      sends tried so far
 * @param nextAttemptAt when it may be sent (again)
 * @param lastError     what the last failed attempt said (never a secret, never an identifier)
 */
public record Delivery(long id, String connectorId, ConsentChange change, DeliveryStatus status, int attempts,
                       Instant nextAttemptAt, Optional<String> lastError, Instant createdAt, Optional<Instant> deliveredAt) {
}
