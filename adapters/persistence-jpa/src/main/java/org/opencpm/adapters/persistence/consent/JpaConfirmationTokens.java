package org.opencpm.adapters.persistence.consent;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.application.port.out.ConfirmationTokens;
import org.opencpm.application.port.out.PendingConfirmation;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/**
 * Double opt-in tokens in {@code confirmation_token}. {@link #take} deletes the row and returns
 * it only if its own {@code DELETE} removed it: of racing takers, the others wait for the row
 * lock and then delete nothing, so a token works once. Taken inside a transaction that rolls
 * back, the token is back.
 */
public final class JpaConfirmationTokens implements ConfirmationTokens {

    private final JpaTransactions tx;

    public JpaConfirmationTokens(JpaTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void save(String tokenHash, PendingConfirmation pending) {
        tx.write(em -> {
            em.persist(new ConfirmationTokenJpaEntity(tokenHash, pending.subject().value(), pending.purpose().value(),
                    pending.expiresAt().toEpochMilli()));
            return null;
        });
    }

    /** One JDBC batch of {@code INSERT}s on the transaction's connection. */
    @Override
    public void saveAll(Map<String, PendingConfirmation> pending) {
        if (pending.isEmpty()) {
            return;
        }
        tx.jdbcInTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO confirmation_token (token_hash, subject_id, purpose, expires_at) VALUES (?, ?, ?, ?)")) {
                for (Map.Entry<String, PendingConfirmation> entry : pending.entrySet()) {
                    insert.setString(1, entry.getKey());
                    insert.setString(2, entry.getValue().subject().value());
                    insert.setString(3, entry.getValue().purpose().value());
                    insert.setLong(4, entry.getValue().expiresAt().toEpochMilli());
                    insert.addBatch();
                }
                JpaTransactions.executeEachOnOneRow(insert, "a confirmation token");
            }
            return null;
        });
    }

    @Override
    public Optional<PendingConfirmation> take(String tokenHash) {
        return tx.write(em -> {
            ConfirmationTokenJpaEntity row = em.find(ConfirmationTokenJpaEntity.class, tokenHash);
            if (row == null) {
                return Optional.empty();
            }
            PendingConfirmation pending = new PendingConfirmation(SubjectId.of(row.subjectId), PurposeCode.of(row.purpose),
                    Instant.ofEpochMilli(row.expiresAt));
            int deleted = em.createQuery("DELETE FROM ConfirmationTokenJpaEntity t WHERE t.tokenHash = :hash")
                    .setParameter("hash", tokenHash)
                    .executeUpdate();
            return deleted == 1 ? Optional.of(pending) : Optional.empty();
        });
    }
}
