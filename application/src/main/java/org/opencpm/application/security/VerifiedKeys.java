package org.opencpm.application.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.opencpm.application.port.out.StoredApiKey;

/**
 * The key rows this node found lately, by keyed hash, each kept for at most {@code keepFor}
 * after it was read: a decision answered in microseconds should not wait for a database read
 * of the caller's key on every request (P3), nor queue behind the database's own housekeeping.
 *
 * <p>What that costs: a key revoked through <em>another</em> node keeps passing here for at most
 * {@code keepFor} (one second by default) — or less, when the node's change follower reports the
 * revocation ({@link #forget}). A key revoked through this node is forgotten at once, and a
 * key's expiry is checked on every request against the row's own {@code expiresAt}, so it holds
 * to the instant. Only rows that passed are kept (a guess never fills the map) and at most
 * {@link #MAX_KEYS}; {@code keepFor} of zero keeps nothing (every request reads the row).
 */
final class VerifiedKeys {

    /** The most rows kept; past it every row is dropped at once (there are few keys, and each is read again). */
    static final int MAX_KEYS = 1_000;

    /** A row, and the instants it was read and stops answering at. */
    private record Kept(StoredApiKey key, Instant readAt, Instant until) {
    }

    private final Duration keepFor;
    private final Map<String, Kept> byHash = new ConcurrentHashMap<>();
    /** Counts forgettings: a row read before one must not be kept after it (it may be the revoked key's). */
    private final AtomicLong forgotten = new AtomicLong();

    VerifiedKeys(Duration keepFor) {
        if (keepFor.isNegative()) {
            throw new IllegalArgumentException("a key cannot be kept for a negative time");
        }
        this.keepFor = keepFor;
    }

    /** The row read for {@code keyHash} no longer ago than {@code keepFor}. */
    Optional<StoredApiKey> find(String keyHash, Instant now) {
        Kept kept = byHash.get(keyHash);
        if (kept == null) {
            return Optional.empty();
        }
        if (now.isBefore(kept.readAt()) || !now.isBefore(kept.until())) {
            byHash.remove(keyHash, kept);
            return Optional.empty();
        }
        return Optional.of(kept.key());
    }

    /** A mark to take before reading a row from the database, for {@link #keep}. */
    long mark() {
        return forgotten.get();
    }

    /** Keeps a row read from the database after {@code mark} was taken, unless a key was forgotten since. */
    void keep(StoredApiKey key, Instant readAt, long mark) {
        if (keepFor.isZero()) {
            return;
        }
        if (byHash.size() >= MAX_KEYS) {
            byHash.clear();
        }
        Kept kept = new Kept(key, readAt, readAt.plus(keepFor));
        byHash.put(key.keyHash(), kept);
        if (forgotten.get() != mark) {
            byHash.remove(key.keyHash(), kept); // a revocation may have committed while the row was read
        }
    }

    /** Forgets the key {@code keyId} (revoked, or changed on some node). */
    void forget(String keyId) {
        forgotten.incrementAndGet();
        byHash.values().removeIf(kept -> kept.key().id().equals(keyId));
    }

    /** Forgets every key: the next request of each reads its row again. */
    void forgetAll() {
        forgotten.incrementAndGet();
        byHash.clear();
    }
}
