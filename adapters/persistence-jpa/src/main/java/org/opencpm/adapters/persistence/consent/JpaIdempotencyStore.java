package org.opencpm.adapters.persistence.consent;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.adapters.persistence.KeyedLookup;
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
    private final KeyedLookup lookup;

    public JpaIdempotencyStore(JpaTransactions tx, Clock clock, KeyedLookup lookup) {
        this.tx = tx;
        this.clock = clock;
        this.lookup = lookup;
    }

    @Override
    public Optional<IdempotentOutcome> find(String key) {
        return tx.read(em -> Optional.ofNullable(em.find(IdempotencyJpaEntity.class, key))
                .map(row -> new IdempotentOutcome(row.fingerprint, ReceiptsMapper.fromJson(row.receipts))));
    }

    /** Inside a transaction, on the transaction's connection in as few queries as the database allows ({@link KeyedLookup}). */
    @Override
    public Map<String, IdempotentOutcome> findAll(Collection<String> keys) {
        if (!tx.active()) {
            return IdempotencyStore.super.findAll(keys);
        }
        return tx.jdbcInTransaction(connection -> {
            Map<String, IdempotentOutcome> found = new HashMap<>();
            lookup.read(connection, "SELECT idempotency_key, fingerprint, receipts FROM idempotency WHERE idempotency_key", keys,
                    row -> found.put(row.getString(1), new IdempotentOutcome(row.getString(2), ReceiptsMapper.fromJson(row.getString(3)))));
            return found;
        });
    }

    /** One JDBC batch of {@code INSERT}s on the transaction's connection. */
    @Override
    public void rememberAll(Map<String, IdempotentOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        long now = clock.millis();
        tx.jdbcInTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO idempotency (idempotency_key, fingerprint, receipts, created_at) VALUES (?, ?, ?, ?)")) {
                for (Map.Entry<String, IdempotentOutcome> entry : outcomes.entrySet()) {
                    insert.setString(1, entry.getKey());
                    insert.setString(2, entry.getValue().fingerprint());
                    insert.setString(3, ReceiptsMapper.toJson(entry.getValue().receipts()));
                    insert.setLong(4, now);
                    insert.addBatch();
                }
                JpaTransactions.executeEachOnOneRow(insert, "an idempotency key");
            }
            return null;
        });
    }

    @Override
    public void remember(String key, IdempotentOutcome outcome) {
        tx.write(em -> {
            em.persist(new IdempotencyJpaEntity(key, outcome.fingerprint(), ReceiptsMapper.toJson(outcome.receipts()), clock.millis()));
            return null;
        });
    }
}
