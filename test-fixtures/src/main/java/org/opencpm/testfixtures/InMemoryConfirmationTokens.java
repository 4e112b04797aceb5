package org.opencpm.testfixtures;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.opencpm.application.port.out.ConfirmationTokens;
import org.opencpm.application.port.out.PendingConfirmation;

public final class InMemoryConfirmationTokens implements ConfirmationTokens {

    private final Map<String, PendingConfirmation> pending = new ConcurrentHashMap<>();
    private final InMemoryTransactions tx;

    public InMemoryConfirmationTokens(InMemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void save(String tokenHash, PendingConfirmation confirmation) {
        pending.put(tokenHash, confirmation);
        tx.onRollback(() -> pending.remove(tokenHash));
    }

    @Override
    public Optional<PendingConfirmation> take(String tokenHash) {
        PendingConfirmation taken = pending.remove(tokenHash);
        if (taken != null) {
            tx.onRollback(() -> pending.put(tokenHash, taken));
        }
        return Optional.ofNullable(taken);
    }

    /** Deletes the pending confirmations of {@code subject} (the shredder's part). */
    public void forget(org.opencpm.domain.subject.SubjectId subject) {
        Map<String, PendingConfirmation> gone = new java.util.HashMap<>();
        pending.forEach((hash, confirmation) -> {
            if (confirmation.subject().equals(subject)) {
                gone.put(hash, confirmation);
            }
        });
        gone.keySet().forEach(pending::remove);
        tx.onRollback(() -> pending.putAll(gone));
    }
}
