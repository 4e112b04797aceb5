package org.opencpm.testfixtures;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.opencpm.application.port.out.ApiKeyStore;
import org.opencpm.application.port.out.StoredApiKey;

public final class InMemoryApiKeyStore implements ApiKeyStore {

    private final Map<String, StoredApiKey> byHash = new ConcurrentHashMap<>();
    private final InMemoryTransactions tx;

    public InMemoryApiKeyStore(InMemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void save(StoredApiKey key) {
        byHash.put(key.keyHash(), key);
        tx.onRollback(() -> byHash.remove(key.keyHash()));
    }

    @Override
    public Optional<StoredApiKey> findByHash(String keyHash) {
        return Optional.ofNullable(byHash.get(keyHash));
    }

    @Override
    public long count() {
        return byHash.size();
    }
}
