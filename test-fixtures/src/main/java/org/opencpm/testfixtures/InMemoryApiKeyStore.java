package org.opencpm.testfixtures;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.opencpm.application.port.out.ApiKeyStore;
import org.opencpm.application.port.out.StoredApiKey;

/**
 * API keys in a map by id; writes inside a transaction are undone when it rolls back. Counts the
 * look-ups by hash, so that a test can tell whether a presented key was looked at.
 */
public final class InMemoryApiKeyStore implements ApiKeyStore {

    private final Map<String, StoredApiKey> byId = new ConcurrentHashMap<>();
    private final AtomicLong hashLookups = new AtomicLong();
    private final InMemoryTransactions tx;

    public InMemoryApiKeyStore(InMemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void save(StoredApiKey key) {
        put(key);
    }

    @Override
    public Optional<StoredApiKey> findByHash(String keyHash) {
        hashLookups.incrementAndGet();
        return byId.values().stream().filter(k -> k.keyHash().equals(keyHash)).findFirst();
    }

    /** How many times a key was looked up by its hash. */
    public long hashLookups() {
        return hashLookups.get();
    }

    @Override
    public Optional<StoredApiKey> findById(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public List<StoredApiKey> all() {
        return byId.values().stream().sorted(Comparator.comparing(StoredApiKey::createdAt).thenComparing(StoredApiKey::id)).toList();
    }

    @Override
    public long count() {
        return byId.size();
    }

    @Override
    public synchronized boolean revoke(String id, Instant at) {
        StoredApiKey k = byId.get(id);
        if (k == null || k.revokedAt().isPresent()) {
            return false;
        }
        put(new StoredApiKey(k.id(), k.name(), k.keyHash(), k.hashAlgorithm(), k.roles(), k.createdAt(), k.expiresAt(),
                k.lastUsedAt(), Optional.of(at), k.origins()));
        return true;
    }

    @Override
    public synchronized void recordUse(String id, Instant at) {
        byId.computeIfPresent(id, (i, k) -> k.lastUsedAt().filter(last -> !last.isBefore(at)).isPresent() ? k
                : new StoredApiKey(k.id(), k.name(), k.keyHash(), k.hashAlgorithm(), k.roles(), k.createdAt(), k.expiresAt(),
                        Optional.of(at), k.revokedAt(), k.origins()));
    }

    @Override
    public synchronized void rehash(String id, String oldHash, String newHash, String algorithm) {
        byId.computeIfPresent(id, (i, k) -> !k.keyHash().equals(oldHash) ? k
                : new StoredApiKey(k.id(), k.name(), newHash, algorithm, k.roles(), k.createdAt(), k.expiresAt(),
                        k.lastUsedAt(), k.revokedAt(), k.origins()));
    }

    private void put(StoredApiKey key) {
        StoredApiKey before = byId.put(key.id(), key);
        tx.onRollback(() -> {
            if (before == null) {
                byId.remove(key.id());
            } else {
                byId.put(key.id(), before);
            }
        });
    }
}
