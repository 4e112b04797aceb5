package org.opencpm.adapters.persistence.consent;

import java.time.Clock;
import java.util.Optional;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.application.port.out.ConcurrencyConflictException;
import org.opencpm.application.port.out.IdempotencyStore;
import org.opencpm.application.port.out.IdempotentOutcome;

/**
 * Outcomes of consent events by idempotency key, in {@code idempotency}. The key is the primary
 * key: a second {@link #remember} of one key is a {@link ConcurrencyConflictException}.
 */
public final class JpaIdempotencyStore implements IdempotencyStore {

    private final JpaTransactions tx;
    private final Clock clock;

    public JpaIdempotencyStore(JpaTransactions tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public Optional<IdempotentOutcome> find(String key) {
        return tx.read(em -> Optional.ofNullable(em.find(IdempotencyJpaEntity.class, key))
                .map(row -> new IdempotentOutcome(row.fingerprint, ReceiptsMapper.fromJson(row.receipts))));
    }

    @Override
    public void remember(String key, IdempotentOutcome outcome) {
        tx.write(em -> {
            em.persist(new IdempotencyJpaEntity(key, outcome.fingerprint(), ReceiptsMapper.toJson(outcome.receipts()), clock.millis()));
            return null;
        });
    }
}
