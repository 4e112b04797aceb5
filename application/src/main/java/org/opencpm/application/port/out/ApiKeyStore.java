package org.opencpm.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * API keys, found by the hash of the key. Reads always go to the store (no node keeps a copy),
 * so that a key revoked on one node is refused by every node at once. Updates touch only their own
 * columns, so that a use recorded on one node cannot undo a revocation made on another.
 */
public interface ApiKeyStore {

    /** Inserts a new key. */
    void save(StoredApiKey key);

    Optional<StoredApiKey> findByHash(String keyHash);

    Optional<StoredApiKey> findById(String id);

    /** Every key, revoked ones too, oldest first. */
    List<StoredApiKey> all();

    long count();

    /** Marks the key revoked at {@code at}; false when it was revoked already or does not exist. */
    boolean revoke(String id, Instant at);

    /** Records that the key was used at {@code at}. */
    void recordUse(String id, Instant at);

    /** Replaces a key's {@code oldHash} by {@code newHash}, made with {@code algorithm}; nothing if the hash changed meanwhile. */
    void rehash(String id, String oldHash, String newHash, String algorithm);
}
