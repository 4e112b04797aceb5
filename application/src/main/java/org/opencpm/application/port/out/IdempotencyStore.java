package org.opencpm.application.port.out;

import java.util.Optional;

/** Outcomes of consent events by idempotency key, written in the transaction of the event. */
public interface IdempotencyStore {

    Optional<IdempotentOutcome> find(String key);

    /**
     * @throws ConcurrencyConflictException when the key was stored meanwhile
     */
    void remember(String key, IdempotentOutcome outcome);
}
