package org.opencpm.adapters.rest.security;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * How often one client address may call with one collector key: a token bucket of {@code burst}
 * calls refilled at {@code perMinute} a minute. A collector key is public (it is in the brand's
 * page), so this, not the key, is what stops one machine from flooding the consent records. Kept
 * per node, in memory; buckets that have refilled are dropped when the table grows past
 * {@link #MAX_TRACKED}, so a spray of addresses cannot grow it without bound.
 */
final class CollectorRate {

    static final int MAX_TRACKED = 50_000;
    private static final long SWEEP_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

    private final double perNano;
    private final int burst;
    private final LongSupplier nanos;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    /** When the table was last swept: at most once a second, or a table kept full would be scanned on every call. */
    private final java.util.concurrent.atomic.AtomicLong sweptAt = new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);

    CollectorRate(int perMinute, int burst, LongSupplier nanos) {
        if (perMinute < 1 || burst < 1) {
            throw new IllegalArgumentException("opencpm.sdk.requests-per-minute and opencpm.sdk.burst must be at least 1");
        }
        this.perNano = perMinute / (double) Duration.ofMinutes(1).toNanos();
        this.burst = burst;
        this.nanos = nanos;
    }

    /** Takes one call for {@code who}; empty when it may go ahead, else how long to wait. */
    Optional<Duration> take(String who) {
        long now = nanos.getAsLong();
        long swept = sweptAt.get();
        if (buckets.size() > MAX_TRACKED && (swept == Long.MIN_VALUE || now - swept >= SWEEP_EVERY_NANOS)
                && sweptAt.compareAndSet(swept, now)) {
            buckets.values().removeIf(b -> b.level(now) >= burst);
        }
        Bucket bucket = buckets.computeIfAbsent(who, k -> new Bucket(burst, now));
        synchronized (bucket) {
            double level = bucket.level(now);
            if (level >= 1) {
                bucket.tokens = level - 1;
                bucket.at = now;
                return Optional.empty();
            }
            long waitNanos = (long) Math.ceil((1 - level) / perNano);
            return Optional.of(Duration.ofNanos(waitNanos));
        }
    }

    private final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        double level(long now) {
            return Math.min(burst, tokens + (now - at) * perNano);
        }
    }
}
