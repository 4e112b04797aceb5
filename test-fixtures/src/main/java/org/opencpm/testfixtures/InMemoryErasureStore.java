package org.opencpm.testfixtures;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.opencpm.application.port.out.ConcurrencyConflictException;
import org.opencpm.application.port.out.Erasure;
import org.opencpm.application.port.out.ErasureStore;
import org.opencpm.domain.subject.SubjectId;

/** Erasures in a map by subject; writes inside a transaction are undone when it rolls back. */
public final class InMemoryErasureStore implements ErasureStore {

    private final Map<SubjectId, Erasure> erasures = new ConcurrentHashMap<>();
    private final InMemoryTransactions tx;

    public InMemoryErasureStore(InMemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<Erasure> find(SubjectId subject) {
        return Optional.ofNullable(erasures.get(subject));
    }

    @Override
    public synchronized void start(Erasure erasure) {
        if (erasures.putIfAbsent(erasure.subject(), erasure) != null) {
            throw new ConcurrencyConflictException("the erasure of " + erasure.subject() + " was started meanwhile");
        }
        tx.onRollback(() -> erasures.remove(erasure.subject()));
    }

    @Override
    public List<Erasure> unfinished(int limit) {
        return erasures.values().stream().filter(e -> !e.finished())
                .sorted(Comparator.comparing(Erasure::waitUntil).thenComparing(e -> e.subject().value()))
                .limit(limit).toList();
    }

    @Override
    public synchronized boolean finish(Erasure erasure) {
        Erasure stored = erasures.get(erasure.subject());
        if (stored == null || stored.finished()) {
            return false;
        }
        erasures.put(erasure.subject(), erasure);
        tx.onRollback(() -> erasures.put(erasure.subject(), stored));
        return true;
    }
}
