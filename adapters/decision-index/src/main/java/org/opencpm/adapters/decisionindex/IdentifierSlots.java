package org.opencpm.adapters.decisionindex;

import org.opencpm.application.port.out.IdentifierHash;

/**
 * Identifier hashes → subject handles, as an open-addressing table of primitive arrays: per
 * identifier the first 128 bits of its HMAC-SHA-256 (two longs) and a handle, 20 bytes a slot, no
 * objects. 128 bits make a false match between two of a billion identifiers less likely than
 * 10^-20 (the birthday bound, n²/2^129); the full hash stays in the database, and without the HMAC
 * key nobody can search for a collision.
 *
 * <p>Linear probing, deletion by shifting back the entries that follow (no tombstones). Writers hold
 * the index's write lock; readers read optimistically as for {@link SubjectRecords}.
 */
final class IdentifierSlots {

    /** hi, lo and handle + 1 (0: empty) of each slot, in one object so that a reader never mixes two tables. */
    private record Table(long[] hi, long[] lo, int[] handles) {
        Table(int capacity) {
            this(new long[capacity], new long[capacity], new int[capacity]);
        }
    }

    private Table table = new Table(64);
    private int size;

    static long hi(IdentifierHash hash) {
        return Long.parseUnsignedLong(hash.hex(), 0, 16, 16);
    }

    static long lo(IdentifierHash hash) {
        return Long.parseUnsignedLong(hash.hex(), 16, 32, 16);
    }

    /** The handle {@code (hi, lo)} leads to, or -1. */
    int find(long hi, long lo) {
        Table t = table;
        int mask = t.handles.length - 1;
        int slot = (int) hi & mask;
        for (int probes = 0; probes <= mask; probes++) {
            int entry = t.handles[slot];
            if (entry == 0) {
                return -1;
            }
            if (t.hi[slot] == hi && t.lo[slot] == lo) {
                return entry - 1;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /** {@code (hi, lo)} now leads to {@code handle}. Under the write lock. */
    void put(long hi, long lo, int handle) {
        if ((size + 1) * 4L > table.handles.length * 3L) {
            grow();
        }
        Table t = table;
        int mask = t.handles.length - 1;
        int slot = (int) hi & mask;
        while (t.handles[slot] != 0) {
            if (t.hi[slot] == hi && t.lo[slot] == lo) {
                t.handles[slot] = handle + 1;
                return;
            }
            slot = (slot + 1) & mask;
        }
        t.hi[slot] = hi;
        t.lo[slot] = lo;
        t.handles[slot] = handle + 1;
        size++;
    }

    /** {@code (hi, lo)} leads nowhere any more, if it led to {@code handle}. Under the write lock. */
    void remove(long hi, long lo, int handle) {
        Table t = table;
        int mask = t.handles.length - 1;
        int slot = (int) hi & mask;
        while (t.handles[slot] != 0) {
            if (t.hi[slot] == hi && t.lo[slot] == lo) {
                if (t.handles[slot] == handle + 1) {
                    delete(t, slot);
                    size--;
                }
                return;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Empties {@code slot}, moving back each following entry that could sit there. */
    private static void delete(Table t, int slot) {
        int mask = t.handles.length - 1;
        int hole = slot;
        int next = slot;
        while (true) {
            next = (next + 1) & mask;
            if (t.handles[next] == 0) {
                break;
            }
            int home = (int) t.hi[next] & mask;
            // the entry at next may move to the hole unless its home lies cyclically in (hole, next]
            boolean stays = hole <= next ? hole < home && home <= next : hole < home || home <= next;
            if (!stays) {
                t.hi[hole] = t.hi[next];
                t.lo[hole] = t.lo[next];
                t.handles[hole] = t.handles[next];
                hole = next;
            }
        }
        t.hi[hole] = 0;
        t.lo[hole] = 0;
        t.handles[hole] = 0;
    }

    private void grow() {
        Table old = table;
        Table grown = new Table(old.handles.length * 2);
        int mask = grown.handles.length - 1;
        for (int i = 0; i < old.handles.length; i++) {
            if (old.handles[i] != 0) {
                int slot = (int) old.hi[i] & mask;
                while (grown.handles[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                grown.hi[slot] = old.hi[i];
                grown.lo[slot] = old.lo[i];
                grown.handles[slot] = old.handles[i];
            }
        }
        table = grown;
    }

    /** The subjects' slots moved ({@link SubjectTable#add}): each handle becomes {@code newSlot[handle]}. Under the write lock. */
    void remap(int[] newSlot) {
        int[] handles = table.handles;
        for (int i = 0; i < handles.length; i++) {
            if (handles[i] != 0) {
                handles[i] = newSlot[handles[i] - 1] + 1;
            }
        }
    }

    int size() {
        return size;
    }

    /** What {@link #forEach} hands each link to. */
    interface Links {
        void accept(long hi, long lo, int handle);
    }

    /** Every identifier and the handle it leads to. Under the write lock. */
    void forEach(Links links) {
        Table t = table;
        for (int i = 0; i < t.handles.length; i++) {
            if (t.handles[i] != 0) {
                links.accept(t.hi[i], t.lo[i], t.handles[i] - 1);
            }
        }
    }
}
