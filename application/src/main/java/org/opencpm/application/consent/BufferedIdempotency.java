package org.opencpm.application.consent;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opencpm.application.port.out.IdempotencyStore;
import org.opencpm.application.port.out.IdempotentOutcome;

/**
 * The outcomes a batch of events remembers by idempotency key, kept in memory until the batch is
 * {@linkplain #flush flushed}: a key that repeats within the batch finds the outcome of its first
 * event, as it would have found it stored. The batch's keys are looked up at once ({@link #lookUpAll}).
 */
final class BufferedIdempotency implements IdempotencyStore {

    private final IdempotencyStore stored;
    private final BatchUndo undo;
    private final Set<String> lookedUp = new HashSet<>();
    private final Map<String, IdempotentOutcome> found = new HashMap<>();
    private final Map<String, IdempotentOutcome> remembered = new LinkedHashMap<>();

    BufferedIdempotency(IdempotencyStore stored, BatchUndo undo) {
        this.stored = stored;
        this.undo = undo;
    }

    void lookUpAll(Collection<String> keys) {
        if (!keys.isEmpty()) {
            found.putAll(stored.findAll(keys));
            lookedUp.addAll(keys);
        }
    }

    @Override
    public Optional<IdempotentOutcome> find(String key) {
        IdempotentOutcome here = remembered.get(key);
        if (here != null) {
            return Optional.of(here);
        }
        return lookedUp.contains(key) ? Optional.ofNullable(found.get(key)) : stored.find(key);
    }

    @Override
    public void remember(String key, IdempotentOutcome outcome) {
        undo.put(remembered, key, outcome);
    }

    void flush() {
        stored.rememberAll(remembered);
    }
}
