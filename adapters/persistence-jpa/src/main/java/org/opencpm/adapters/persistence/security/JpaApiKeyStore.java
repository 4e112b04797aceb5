package org.opencpm.adapters.persistence.security;

import java.util.Optional;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.application.port.out.ApiKeyStore;
import org.opencpm.application.port.out.StoredApiKey;

/** API keys in {@code api_key}, found by the SHA-256 of the key (a unique column). */
public final class JpaApiKeyStore implements ApiKeyStore {

    private final JpaTransactions tx;

    public JpaApiKeyStore(JpaTransactions tx) {
        this.tx = tx;
    }

    /** Inserts the key, or replaces the one with the same id. */
    @Override
    public void save(StoredApiKey key) {
        tx.write(em -> {
            ApiKeyJpaEntity row = em.find(ApiKeyJpaEntity.class, key.id());
            if (row == null) {
                em.persist(ApiKeyMapper.fill(new ApiKeyJpaEntity(), key));
            } else {
                ApiKeyMapper.fill(row, key);
            }
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
    public long count() {
        return tx.read(em -> em.createQuery("SELECT COUNT(k) FROM ApiKeyJpaEntity k", Long.class).getSingleResult());
    }
}
