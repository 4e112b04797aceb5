package org.opencpm.adapters.decisionindex;

import java.util.Arrays;
import org.opencpm.domain.subject.SubjectId;

/**
 * Every subject the index knows, by a number of its own (a handle, given once and kept): its packed
 * record and, beside it, its shared preferences (or, for a state that would not pack, the state
 * itself). Subject ids find handles through an open-addressing table of handles, keyed by the id's
 * {@code String} hash and compared against the id inside the record — no key objects.
 *
 * <p>Writers hold the index's write lock. Readers read optimistically: anything they read may be
 * torn by a concurrent write, so every read stays within the arrays it captured and gives up
 * (returns -1) on what cannot be; the caller validates its stamp and reads again under the read lock.
 */
final class SubjectRecords {

    private static final int MIN_CAPACITY = 16;

    private byte[][] records = new byte[MIN_CAPACITY][];
    private Object[] extras = new Object[MIN_CAPACITY];
    /** Handle + 1, or 0 for an empty slot; the length a power of two, at most three quarters full. */
    private int[] byId = new int[MIN_CAPACITY * 2];
    private int size;

    /** The handle of {@code id}, or -1. */
    int find(SubjectId id) {
        String value = id.value();
        int[] table = byId;
        byte[][] recs = records;
        int mask = table.length - 1;
        int slot = spread(value.hashCode()) & mask;
        for (int probes = 0; probes <= mask; probes++) {
            int entry = table[slot];
            if (entry == 0) {
                return -1;
            }
            int handle = entry - 1;
            if (handle >= recs.length) {
                return -1; // torn: a table newer than the records read
            }
            byte[] record = recs[handle];
            if (record != null && PackedSubject.idEquals(record, value)) {
                return handle;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    byte[] record(int handle) {
        return records[handle];
    }

    Object extra(int handle) {
        return extras[handle];
    }

    /** Handles run from 0 to {@code size() - 1}. */
    int size() {
        return size;
    }

    /** A new subject, {@code record} holding its id. Under the write lock. */
    int add(byte[] record, Object extra) {
        if (size == records.length) {
            int grown = records.length + (records.length >> 1);
            records = Arrays.copyOf(records, grown);
            extras = Arrays.copyOf(extras, grown);
        }
        if ((size + 1) * 4L > byId.length * 3L) {
            rehash(byId.length * 2);
        }
        int handle = size;
        records[handle] = record;
        extras[handle] = extra;
        size++;
        insert(byId, handle, PackedSubject.idHash(record));
        return handle;
    }

    /** Replaces subject {@code handle}'s record, for the same id. Under the write lock. */
    void set(int handle, byte[] record, Object extra) {
        records[handle] = record;
        extras[handle] = extra;
    }

    private void rehash(int capacity) {
        int[] table = new int[capacity];
        for (int handle = 0; handle < size; handle++) {
            insert(table, handle, PackedSubject.idHash(records[handle]));
        }
        byId = table;
    }

    private static void insert(int[] table, int handle, int hash) {
        int mask = table.length - 1;
        int slot = spread(hash) & mask;
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = handle + 1;
    }

    /** {@code String} hashes of similar ids differ in their low bits only: spread them over the table. */
    static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** Bytes held, for the memory tests: the arrays, not the records. */
    long tableBytes() {
        return 4L * (records.length + extras.length + byId.length);
    }
}
