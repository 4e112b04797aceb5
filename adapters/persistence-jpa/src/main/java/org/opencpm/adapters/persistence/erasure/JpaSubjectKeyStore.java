package org.opencpm.adapters.persistence.erasure;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.adapters.persistence.subject.JpaSubjectStore.RegisteredInThisTransaction;
import org.opencpm.application.port.out.ConcurrencyConflictException;
import org.opencpm.application.port.out.SubjectKeyStore;
import org.opencpm.application.port.out.WrappedKey;
import org.opencpm.domain.subject.SubjectId;

/**
 * Persons' data keys in their own row, {@code subject.data_key} (base64 of the wrapped key): a new
 * person's key costs no row and no index of its own. A transaction reads a person's key from the
 * database at most once, and not at all for a person it registered itself (they have none yet) or
 * whose key it made. Making one is a conditional {@code UPDATE} (where there is none yet), so two
 * transactions cannot both give a person a key; destroying it sets it to {@code NULL}. The old
 * value may linger in free database pages until the engine reuses them, still wrapped under the
 * vault's key — see ADR 0010.
 */
public final class JpaSubjectKeyStore implements SubjectKeyStore {

    private final JpaTransactions tx;

    /** The transaction knows {@code subject}'s key (read, made or destroyed): empty for none. */
    private record Known(SubjectId subject) {
    }

    public JpaSubjectKeyStore(JpaTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<WrappedKey> find(SubjectId subject) {
        Optional<Optional<WrappedKey>> known = tx.recall(new Known(subject));
        if (known.isPresent()) {
            return known.get();
        }
        if (tx.recall(new RegisteredInThisTransaction(subject)).isPresent()) {
            return Optional.empty(); // registered by this very transaction: no key yet, no query
        }
        Optional<WrappedKey> read = tx.read(em -> {
            List<?> rows = em.createNativeQuery("SELECT data_key FROM subject WHERE id = ?1").setParameter(1, subject.value())
                    .getResultList();
            return rows.isEmpty() || rows.get(0) == null ? Optional.<WrappedKey>empty() : Optional.of(WrappedKey.fromBase64((String) rows.get(0)));
        });
        tx.remember(new Known(subject), read);
        return read;
    }

    /**
     * @throws ConcurrencyConflictException when the person has a key already
     * @throws IllegalStateException        when there is no such person: a key lives in its person's row
     */
    @Override
    public void insert(SubjectId subject, WrappedKey key) {
        int updated = tx.write(em -> {
            em.flush(); // a person registered by this transaction is an INSERT still waiting
            return em.createNativeQuery("UPDATE subject SET data_key = ?1 WHERE id = ?2 AND data_key IS NULL")
                    .setParameter(1, key.base64())
                    .setParameter(2, subject.value())
                    .executeUpdate();
        });
        if (updated != 1) {
            boolean exists = tx.read(em -> !em.createNativeQuery("SELECT id FROM subject WHERE id = ?1").setParameter(1, subject.value())
                    .getResultList().isEmpty());
            if (!exists) {
                throw new IllegalStateException("no subject " + subject + " to keep a key for");
            }
            throw new ConcurrencyConflictException("subject " + subject + " has a key already");
        }
        tx.remember(new Known(subject), Optional.of(key));
    }

    /** One JDBC batch of the conditional {@code UPDATE}s on the transaction's connection. */
    @Override
    public void insertAll(Map<SubjectId, WrappedKey> keys) {
        if (keys.isEmpty()) {
            return;
        }
        tx.jdbcInTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE subject SET data_key = ? WHERE id = ? AND data_key IS NULL")) {
                for (Map.Entry<SubjectId, WrappedKey> entry : keys.entrySet()) {
                    update.setString(1, entry.getValue().base64());
                    update.setString(2, entry.getKey().value());
                    update.addBatch();
                }
                JpaTransactions.executeEachOnOneRow(update, "a person's key");
            }
            return null;
        });
        keys.forEach((subject, key) -> tx.remember(new Known(subject), Optional.of(key)));
    }

    @Override
    public boolean destroy(SubjectId subject) {
        int updated = tx.write(em -> em.createNativeQuery("UPDATE subject SET data_key = NULL WHERE id = ?1 AND data_key IS NOT NULL")
                .setParameter(1, subject.value())
                .executeUpdate());
        tx.remember(new Known(subject), Optional.empty());
        return updated == 1;
    }
}
