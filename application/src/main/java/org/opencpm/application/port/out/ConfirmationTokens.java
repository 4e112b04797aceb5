package org.opencpm.application.port.out;

import java.util.Optional;

/** Double opt-in tokens, stored only as keyed hashes. */
public interface ConfirmationTokens {

    void save(String tokenHash, PendingConfirmation pending);

    /** Removes and returns the confirmation for {@code tokenHash}: a token works once. */
    Optional<PendingConfirmation> take(String tokenHash);
}
