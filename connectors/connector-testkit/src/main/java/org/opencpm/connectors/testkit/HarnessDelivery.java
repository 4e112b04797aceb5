package org.opencpm.connectors.testkit;

import java.util.Optional;

/**
 * One change handed to the connector under test, and what became of it: the kit's own view of a
 * delivery, so that a partner's tests compile against the SPI and the kit only.
 *
 * @param id        the delivery's number in the harness (1, 2, …, in the order the changes were made)
 * @param subjectId the subject the change is about
 * @param purpose   the purpose code it changes
 * @param granted   whether it grants (otherwise it withdraws)
 * @param version   the subject's consent version it carries
 * @param status    pending, in flight, delivered or dead
 * @param attempts  how many times the connector was asked to send it
 * @param lastError why the last attempt failed, if it did (scrubbed of secrets as the host stores it)
 */
public record HarnessDelivery(long id, String subjectId, String purpose, boolean granted, long version, Status status, int attempts,
                              Optional<String> lastError) {

    /** Where a delivery stands. */
    public enum Status {
        /** Waiting for its turn: a first attempt, or a retry after a pause. */
        PENDING,
        /** Being sent. */
        IN_FLIGHT,
        /** The platform took it. */
        DELIVERED,
        /** Given up on (a 4xx, a permanent failure or too many attempts): in the dead-letter store until replayed. */
        DEAD
    }
}
