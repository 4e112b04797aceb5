package org.opencpm.application.port.out;

import java.util.Map;
import java.util.Optional;

/** Double opt-in tokens, stored only as keyed hashes. */
public interface ConfirmationTokens {

    void save(String tokenHash, PendingConfirmation pending);

    /** {@link #save}s each pending confirmation by its token's hash: a batch's, sent to the database together. */
    default void saveAll(Map<String, PendingConfirmation> pending) {
        pending.forEach(this::save);
    }

    /** Removes and returns the confirmation for {@code tokenHash}: a token works once. */
    Optional<PendingConfirmation> take(String tokenHash);
}
