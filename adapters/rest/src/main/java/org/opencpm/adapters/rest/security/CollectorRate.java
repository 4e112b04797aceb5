package org.opencpm.adapters.rest.security;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * How often one client address may call with one collector key: a token bucket of {@code burst}
 * calls refilled at {@code perMinute} a minute. A collector key is public (it is in the brand's
 * page), so this, not the key, is what stops one machine from flooding the consent records. Kept
 * per node, in memory, in at most {@link #MAX_TRACKED} buckets: past that, buckets that have
 * refilled are dropped (at most once a second), and while the table is still full every address
 * it does not hold shares one overflow bucket. A spray of addresses each spending a little keeps
 * its buckets from refilling; it then competes for one bucket instead of growing the table.
 */
final class CollectorRate {

    static final int MAX_TRACKED = 50_000;
    private static final long SWEEP_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

    private final double perNano;
    private final int burst;
    private final LongSupplier nanos;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    /** The bucket of every address the full table does not hold. */
    private final Bucket overflow;
    /** When the table was last swept: at most once a second, or a table kept full would be scanned on every call. */
    private final AtomicLong sweptAt = new AtomicLong(Long.MIN_VALUE);

    CollectorRate(int perMinute, int burst, LongSupplier nanos) {
        if (perMinute < 1 || burst < 1) {
            throw new IllegalArgumentException("opencpm.sdk.requests-per-minute and opencpm.sdk.burst must be at least 1");
        }
        this.perNano = perMinute / (double) Duration.ofMinutes(1).toNanos();
        this.burst = burst;
        this.nanos = nanos;
        this.overflow = new Bucket(burst, nanos.getAsLong());
    }

    /** Takes one call for {@code who}; empty when it may go ahead, else how long to wait. */
    Optional<Duration> take(String who) {
        long now = nanos.getAsLong();
        long swept = sweptAt.get();
        if (buckets.size() >= MAX_TRACKED && (swept == Long.MIN_VALUE || now - swept >= SWEEP_EVERY_NANOS)
                && sweptAt.compareAndSet(swept, now)) {
            buckets.values().removeIf(b -> b.level(now) >= burst);
        }
        Bucket bucket = buckets.get(who);
        if (bucket == null) {
            bucket = buckets.size() >= MAX_TRACKED ? overflow : buckets.computeIfAbsent(who, k -> new Bucket(burst, now));
        }
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

    /** How many addresses have a bucket of their own. */
    int tracked() {
        return buckets.size();
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
