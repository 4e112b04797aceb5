package org.opencpm.application.alert;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts by key since the last {@link #drain}: a {@link LongAdder} per key, so that counting a
 * key already seen allocates nothing and does not contend. At most {@code maxKeys} keys: further
 * keys share {@link #OVERFLOW}, so that memory stays bounded whatever an attacker sends.
 */
final class KeyedTally {

    /** The key that keys past the limit share. */
    static final String OVERFLOW = "*";

    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final int maxKeys;

    KeyedTally(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    void increment(String key) {
        LongAdder adder = counts.get(key);
        if (adder == null) {
            adder = counts.computeIfAbsent(counts.size() < maxKeys ? key : OVERFLOW, k -> new LongAdder());
        }
        adder.increment();
    }

    /** The counts since the last drain (keys counted at least once), each reset to zero; keys that stayed at zero are dropped. */
    Map<String, Long> drain() {
        Map<String, Long> drained = new HashMap<>();
        counts.forEach((key, adder) -> {
            long n = adder.sumThenReset();
            if (n > 0) {
                drained.put(key, n);
            } else {
                counts.remove(key, adder);
            }
        });
        return drained;
    }
}
