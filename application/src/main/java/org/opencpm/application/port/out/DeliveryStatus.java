package org.opencpm.application.port.out;

import org.opencpm.domain.Coded;

/** Where one delivery of a change to one connector stands. */
public enum DeliveryStatus implements Coded {
    /** Waiting for its turn (a first attempt, or a retry at {@link Delivery#nextAttemptAt()}). */
    PENDING,
    /** Claimed by a dispatcher, being sent; its lease says until when. */
    INFLIGHT,
    DELIVERED,
    /** Given up on (a 4xx, or too many attempts): waits in the dead-letter store for a replay. */
    DEAD;

    public static DeliveryStatus parse(String code, String field) {
        return Coded.parse(DeliveryStatus.class, code, field);
    }
}
