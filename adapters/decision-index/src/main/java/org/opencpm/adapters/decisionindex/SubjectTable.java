package org.opencpm.adapters.decisionindex;

import org.opencpm.domain.subject.SubjectId;

/**
 * Every subject the index knows, as its packed record in an open-addressing table keyed by the id's
 * {@code String} hash and compared against the id inside the record: one reference a subject, no
 * key objects. A subject's slot is its handle for the {@link IdentifierSlots}; slots change only
 * when the table grows, and {@link #add} then says where each one went. Subjects are never
 * deleted (one merged or erased stays as a {@link PackedSubject#removed} record), so no slot is
 * ever emptied.
 *
 * <p>Writers hold the index's write lock. Readers read optimistically: what they read may be torn by
 * a concurrent write, so a read stays within the array it captured and gives up (-1) on what cannot
 * be; the caller validates its stamp and reads again under the read lock.
 */
final class SubjectTable {

    private byte[][] slots = new byte[64][];
    private int size;

    /** The slot of {@code id}, or -1. */
    int find(SubjectId id) {
        String value = id.value();
        byte[][] table = slots;
        int mask = table.length - 1;
        int slot = spread(value.hashCode()) & mask;
        for (int probes = 0; probes <= mask; probes++) {
            byte[] record = table[slot];
            if (record == null) {
                return -1;
            }
            if (PackedSubject.idEquals(record, value)) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    byte[] record(int slot) {
        return slots[slot];
    }

    /**
     * The table itself, for a walk: records in it are replaced in place until the table grows, and
     * never after. Under the read lock; read its elements under it too.
     */
    byte[][] slots() {
        return slots;
    }

    /** Replaces the record in {@code slot}, for the same id. Under the write lock. */
    void set(int slot, byte[] record) {
        slots[slot] = record;
    }

    /**
     * A new subject, {@code record} holding its id; its slot. When the table grows first, {@code
     * moved} is told each old slot's new one before the record is added. Under the write lock.
     */
    int add(byte[] record, Moved moved) {
        if ((size + 1) * 4L > slots.length * 3L) {
            grow(moved);
        }
        int slot = insert(slots, record);
        size++;
        return slot;
    }

    /** Where the subjects went when the table grew: {@code newSlot[old]}. */
    interface Moved {
        void to(int[] newSlot);
    }

    private void grow(Moved moved) {
        byte[][] grown = new byte[slots.length * 2][];
        int[] newSlot = new int[slots.length];
        for (int old = 0; old < slots.length; old++) {
            if (slots[old] != null) {
                newSlot[old] = insert(grown, slots[old]);
            }
        }
        moved.to(newSlot);
        slots = grown;
    }

    private static int insert(byte[][] table, byte[] record) {
        int mask = table.length - 1;
        int slot = spread(PackedSubject.idHash(record)) & mask;
        while (table[slot] != null) {
            slot = (slot + 1) & mask;
        }
        table[slot] = record;
        return slot;
    }

    /** {@code String} hashes of similar ids differ in their low bits only: spread them over the table. */
    static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
