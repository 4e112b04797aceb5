package org.opencpm.adapters.persistence.catalogue;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.opencpm.adapters.persistence.JpaTransactions;

/**
 * A cache of catalogue rows (purposes, notices) that change rarely but are read by every consent
 * event. An entry is kept for {@code ttlMillis} at most, so that a change made by another node
 * sharing the database is seen within that time; a change made here replaces it at once. Only
 * what is committed is cached: a value read inside a transaction is remembered after that
 * transaction commits, never if it rolls back.
 */
final class CommittedCache<K, V> {

    private record Entry<V>(V value, long expiresAt) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final JpaTransactions tx;
    private final Clock clock;
    private final long ttlMillis;

    /** @param ttlMillis how long an entry lives, on {@code clock}; {@link Long#MAX_VALUE} for values that never change */
    CommittedCache(JpaTransactions tx, Clock clock, long ttlMillis) {
        this.tx = tx;
        this.clock = clock;
        this.ttlMillis = ttlMillis;
    }

    V get(K key, Supplier<V> load) {
        Entry<V> cached = entries.get(key);
        long now = clock.millis();
        if (cached != null && cached.expiresAt() > now) {
            return cached.value();
        }
        V loaded = load.get();
        tx.afterCommit(() -> put(key, loaded));
        return loaded;
    }

    /** Replaces the entry for {@code key} once the current transaction commits (at once outside one). */
    void putAfterCommit(K key, V value) {
        tx.afterCommit(() -> put(key, value));
    }

    /** Drops the entry for {@code key} once the current transaction commits (at once outside one). */
    void evictAfterCommit(K key) {
        tx.afterCommit(() -> entries.remove(key));
    }

    private void put(K key, V value) {
        long now = clock.millis();
        entries.put(key, new Entry<>(value, ttlMillis == Long.MAX_VALUE ? Long.MAX_VALUE : now + ttlMillis));
    }
}
