package org.opencpm.application.port.out;

import java.util.Optional;

/** API keys, found by the hash of the key. */
public interface ApiKeyStore {

    void save(StoredApiKey key);

    Optional<StoredApiKey> findByHash(String keyHash);

    long count();
}
