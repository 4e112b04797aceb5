package org.opencpm.adapters.persistence.consent;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
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

    /** One query per {@value #IN_LIST} keys. */
    @Override
    public Map<String, IdempotentOutcome> findAll(Collection<String> keys) {
        Map<String, IdempotentOutcome> found = new HashMap<>();
        List<String> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += IN_LIST) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_LIST));
            tx.read(em -> em.createQuery("SELECT i FROM IdempotencyJpaEntity i WHERE i.key IN :keys", IdempotencyJpaEntity.class)
                    .setParameter("keys", chunk).getResultList().stream()
                    .map(row -> Map.entry(row.key, new IdempotentOutcome(row.fingerprint, ReceiptsMapper.fromJson(row.receipts)))).toList())
                    .forEach(entry -> found.put(entry.getKey(), entry.getValue()));
        }
        return found;
    }

    private static final int IN_LIST = 500;

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
