package org.opencpm.adapters.persistence.security;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.application.port.out.ApiKeyStore;
import org.opencpm.application.port.out.StoredApiKey;

/**
 * API keys in {@code api_key}, found by their hash (a unique column). Nothing is cached (the
 * persistence unit has no shared cache), so a revocation written by one node is read by every
 * other at once. Revocation, use and re-hashing each update only their own columns.
 */
public final class JpaApiKeyStore implements ApiKeyStore {

    private static final String BY_HASH = "SELECT id, name, key_hash, hash_algorithm, roles, created_at, expires_at, last_used_at,"
            + " revoked_at, origins FROM api_key WHERE key_hash = ?";

    private final JpaTransactions tx;
    private final DataSource dataSource;

    public JpaApiKeyStore(JpaTransactions tx, DataSource dataSource) {
        this.tx = tx;
        this.dataSource = dataSource;
    }

    @Override
    public void save(StoredApiKey key) {
        tx.write(em -> {
            em.persist(ApiKeyMapper.fill(new ApiKeyJpaEntity(), key));
            return null;
        });
    }

    /**
     * Read on every API call, so with one plain statement on a pool connection rather than an
     * EclipseLink query (which cost ~8 % of a grant's CPU under load). Still no cache: a key revoked
     * by any node is refused by the next call.
     */
    @Override
    public Optional<StoredApiKey> findByHash(String keyHash) {
        if (tx.active()) {
            // a transaction's thread holds its connection already: ask through it
            return tx.read(em -> em.createQuery("SELECT k FROM ApiKeyJpaEntity k WHERE k.keyHash = :hash", ApiKeyJpaEntity.class)
                    .setParameter("hash", keyHash).getResultList().stream().findFirst().map(ApiKeyMapper::toKey));
        }
        return tx.jdbc(dataSource, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(BY_HASH)) {
                statement.setString(1, keyHash);
                try (ResultSet row = statement.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    ApiKeyJpaEntity key = new ApiKeyJpaEntity();
                    key.id = row.getString(1);
                    key.name = row.getString(2);
                    key.keyHash = row.getString(3);
                    key.hashAlgorithm = row.getString(4);
                    key.roles = row.getString(5);
                    key.createdAt = row.getLong(6);
                    key.expiresAt = nullableLong(row, 7);
                    key.lastUsedAt = nullableLong(row, 8);
                    key.revokedAt = nullableLong(row, 9);
                    key.origins = row.getString(10);
                    return Optional.of(ApiKeyMapper.toKey(key));
                }
            }
        });
    }

    private static Long nullableLong(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    @Override
    public Optional<StoredApiKey> findById(String id) {
        return tx.read(em -> Optional.ofNullable(em.find(ApiKeyJpaEntity.class, id)).map(ApiKeyMapper::toKey));
    }

    @Override
    public List<StoredApiKey> all() {
        return tx.read(em -> em.createQuery("SELECT k FROM ApiKeyJpaEntity k ORDER BY k.createdAt, k.id", ApiKeyJpaEntity.class)
                .getResultList().stream().map(ApiKeyMapper::toKey).toList());
    }

    @Override
    public long count() {
        return tx.read(em -> em.createQuery("SELECT COUNT(k) FROM ApiKeyJpaEntity k", Long.class).getSingleResult());
    }

    @Override
    public boolean revoke(String id, Instant at) {
        return tx.write(em -> em.createQuery("UPDATE ApiKeyJpaEntity k SET k.revokedAt = :at WHERE k.id = :id AND k.revokedAt IS NULL")
                .setParameter("at", at.toEpochMilli()).setParameter("id", id).executeUpdate() == 1);
    }

    /** In a transaction of its own: book-keeping, not part of the request's work. */
    @Override
    public void recordUse(String id, Instant at) {
        tx.inOwnTransaction(em -> em.createQuery("UPDATE ApiKeyJpaEntity k SET k.lastUsedAt = :at WHERE k.id = :id AND (k.lastUsedAt IS NULL OR k.lastUsedAt < :at)")
                .setParameter("at", at.toEpochMilli()).setParameter("id", id).executeUpdate());
    }

    @Override
    public void rehash(String id, String oldHash, String newHash, String algorithm) {
        tx.inOwnTransaction(em -> em.createQuery(
                        "UPDATE ApiKeyJpaEntity k SET k.keyHash = :newHash, k.hashAlgorithm = :algorithm WHERE k.id = :id AND k.keyHash = :oldHash")
                .setParameter("newHash", newHash).setParameter("algorithm", algorithm).setParameter("id", id)
                .setParameter("oldHash", oldHash).executeUpdate());
    }
}
