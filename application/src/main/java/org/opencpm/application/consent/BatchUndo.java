package org.opencpm.application.consent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the event a batch is recording has buffered so far, to be taken back when the event is
 * refused: the batch's savepoint. The buffered stores of a {@link ConsentBatch} make every write
 * through here; {@link #begin} starts an event (what earlier events wrote stays), {@link #rollBack}
 * undoes the current one's writes, latest first.
 */
final class BatchUndo {

    private final List<Runnable> undo = new ArrayList<>();

    /** A new event starts: the writes of the ones before it are kept. */
    void begin() {
        undo.clear();
    }

    /** Takes back every write since {@link #begin}, latest first. */
    void rollBack() {
        for (int i = undo.size() - 1; i >= 0; i--) {
            undo.get(i).run();
        }
        undo.clear();
    }

    <K, V> void put(Map<K, V> map, K key, V value) {
        boolean had = map.containsKey(key);
        V previous = map.put(key, value);
        undo.add(had ? () -> map.put(key, previous) : () -> map.remove(key));
    }

    <T> void add(List<T> list, T value) {
        list.add(value);
        undo.add(list::removeLast);
    }
}
