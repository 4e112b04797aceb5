package org.opencpm.application.port.out;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
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

    /** The outcomes stored under any of {@code keys}, looked up at once; keys not stored are left out. */
    default Map<String, IdempotentOutcome> findAll(Collection<String> keys) {
        Map<String, IdempotentOutcome> found = new HashMap<>();
        for (String key : keys) {
            find(key).ifPresent(outcome -> found.put(key, outcome));
        }
        return found;
    }

    /**
     * {@link #remember}s each outcome: a batch's, sent to the database together.
     *
     * @throws ConcurrencyConflictException when any of the keys was stored meanwhile
     */
    default void rememberAll(Map<String, IdempotentOutcome> outcomes) {
        outcomes.forEach(this::remember);
    }
}
