package org.opencpm.adapters.persistence.consent;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
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

    /**
     * Inside a transaction, one primary-key lookup per key on the transaction's connection (not an
     * {@code IN} list: see {@code JpaSubjectStore.findByIdentifiers} for PostgreSQL's plan).
     */
    @Override
    public Map<String, IdempotentOutcome> findAll(Collection<String> keys) {
        if (!tx.active()) {
            return IdempotencyStore.super.findAll(keys);
        }
        return tx.jdbcInTransaction(connection -> {
            Map<String, IdempotentOutcome> found = new HashMap<>();
            try (PreparedStatement lookup = connection.prepareStatement(
                    "SELECT fingerprint, receipts FROM idempotency WHERE idempotency_key = ?")) {
                for (String key : keys) {
                    lookup.setString(1, key);
                    try (ResultSet row = lookup.executeQuery()) {
                        if (row.next()) {
                            found.put(key, new IdempotentOutcome(row.getString(1), ReceiptsMapper.fromJson(row.getString(2))));
                        }
                    }
                }
            }
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
