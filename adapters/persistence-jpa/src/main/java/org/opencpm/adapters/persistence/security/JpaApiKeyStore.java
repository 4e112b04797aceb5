package org.opencpm.adapters.persistence.security;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.application.port.out.ApiKeyStore;
import org.opencpm.application.port.out.StoredApiKey;

/**
 * API keys in {@code api_key}, found by their hash (a unique column). Nothing is cached (the
 * persistence unit has no shared cache), so a revocation written by one node is read by every
 * other at once. Revocation, use and re-hashing each update only their own columns.
 */
public final class JpaApiKeyStore implements ApiKeyStore {

    private final JpaTransactions tx;

    public JpaApiKeyStore(JpaTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void save(StoredApiKey key) {
        tx.write(em -> {
            em.persist(ApiKeyMapper.fill(new ApiKeyJpaEntity(), key));
            return null;
        });
    }

    @Override
    public Optional<StoredApiKey> findByHash(String keyHash) {
        return tx.read(em -> em.createQuery("SELECT k FROM ApiKeyJpaEntity k WHERE k.keyHash = :hash", ApiKeyJpaEntity.class)
                .setParameter("hash", keyHash)
                .getResultList().stream().findFirst().map(ApiKeyMapper::toKey));
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
