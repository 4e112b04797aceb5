package org.opencpm.application.port.out;

import java.util.Optional;

/**
 * Outcomes of consent events by idempotency key, written in the transaction of the event and kept
 * for ever: never purge them. A platform's callback events are recorded under
 * {@code connector:<connector>:<event id>}, and a grant replayed a week after the person withdrew must still
 * be a duplicate that records nothing (PIPL Art. 15), not a new grant.
 */
public interface IdempotencyStore {

    Optional<IdempotentOutcome> find(String key);

    /**
     * @throws ConcurrencyConflictException when the key was stored meanwhile
     */
    void remember(String key, IdempotentOutcome outcome);
}
