package org.opencpm.testfixtures;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.opencpm.application.port.out.ConcurrencyConflictException;
import org.opencpm.application.port.out.IdempotencyStore;
import org.opencpm.application.port.out.IdempotentOutcome;

public final class InMemoryIdempotencyStore implements IdempotencyStore {

    private final Map<String, IdempotentOutcome> outcomes = new ConcurrentHashMap<>();
    private final InMemoryTransactions tx;

    public InMemoryIdempotencyStore(InMemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<IdempotentOutcome> find(String key) {
        return Optional.ofNullable(outcomes.get(key));
    }

    @Override
    public void remember(String key, IdempotentOutcome outcome) {
        if (outcomes.putIfAbsent(key, outcome) != null) {
            throw new ConcurrencyConflictException("idempotency key stored meanwhile");
        }
        tx.onRollback(() -> outcomes.remove(key));
    }

    /** Empties the outcomes that name {@code subject} (the shredder's part): the key stays taken, nothing of them is kept. */
    public void forget(org.opencpm.domain.subject.SubjectId subject) {
        outcomes.replaceAll((key, outcome) -> outcome.receipts().stream().anyMatch(r -> r.subjectId().equals(subject))
                ? new IdempotentOutcome("erased", java.util.List.of()) : outcome);
    }
}
