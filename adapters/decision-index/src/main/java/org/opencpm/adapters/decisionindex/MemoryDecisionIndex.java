package org.opencpm.adapters.decisionindex;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Consumer;
import org.opencpm.application.port.out.DecisionIndex;
import org.opencpm.application.port.out.IdentifierHash;
import org.opencpm.application.port.out.SubjectState;
import org.opencpm.application.port.out.SubjectView;
import org.opencpm.domain.notice.MaterialChanges;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/**
 * The decision index, compact (ADR 0020): each subject one {@link PackedSubject packed} byte array,
 * found by id in a {@link SubjectTable} and by identifier hash through {@link IdentifierSlots} —
 * arrays, no map entries or key objects — with the values many subjects share (purposes, consent
 * shapes with their notice stamps, preferences) kept once in a {@link Dictionary}. A decision reads its one consent from the bytes ({@link #view}); {@link #subject} and
 * {@link #forEachSubject} give back whole states equal to the ones the index was told of.
 *
 * <p>Updated by the application after each commit. A change never replaces a newer state of the same
 * subject, whatever order commits report in, and a subject merged or erased never comes back.
 * Writes take one write lock; reads take none while no write runs (an optimistic read of a {@link
 * StampedLock}, checked afterwards, repeated under the read lock if a write came in between).
 */
public final class MemoryDecisionIndex implements DecisionIndex {

    private final StampedLock lock = new StampedLock();
    private final Dictionary dictionary = new Dictionary();
    private final SubjectTable subjects = new SubjectTable();
    private final IdentifierSlots identifiers = new IdentifierSlots();
    /** States that would not pack ({@link PackedSubject#encode}), by subject: rare, kept as they are. */
    private final Map<SubjectId, SubjectState> keptAside = new ConcurrentHashMap<>();
    private final Map<PurposeCode, Purpose> purposes = new ConcurrentHashMap<>();
    private volatile MaterialChanges materialChanges = MaterialChanges.none();

    @Override
    public Optional<SubjectId> subjectOf(IdentifierHash identifier) {
        long hi = IdentifierSlots.hi(identifier);
        long lo = IdentifierSlots.lo(identifier);
        long stamp = lock.tryOptimisticRead();
        byte[] record = null;
        if (stamp != 0) {
            try {
                record = recordOf(hi, lo);
            } catch (RuntimeException torn) {
                stamp = 0;
            }
        }
        if (stamp == 0 || !lock.validate(stamp)) {
            stamp = lock.readLock();
            try {
                record = recordOf(hi, lo);
            } finally {
                lock.unlockRead(stamp);
            }
        }
        return record == null ? Optional.empty() : Optional.of(PackedSubject.id(record));
    }

    private byte[] recordOf(long hi, long lo) {
        int slot = identifiers.find(hi, lo);
        return slot < 0 ? null : subjects.record(slot);
    }

    @Override
    public Optional<SubjectState> subject(SubjectId id) {
        while (true) {
            byte[] record = stated(id);
            if (record == null) {
                return Optional.empty();
            }
            if (!PackedSubject.isKeptAside(record)) {
                return Optional.of(PackedSubject.decode(record, dictionary));
            }
            SubjectState aside = keptAside.get(id);
            if (aside != null) {
                return Optional.of(aside);
            }
            // packed again by a write since the record was read: read it again
        }
    }

    @Override
    public Optional<? extends SubjectView> view(SubjectId id) {
        byte[] record = stated(id);
        if (record == null) {
            return Optional.empty();
        }
        return PackedSubject.isKeptAside(record) ? subject(id) : Optional.of(new PackedView(id, record, dictionary));
    }

    /**
     * Subject {@code id}'s record when it has a state, else null. A record read under a validated
     * stamp (or the read lock) is complete, and so is what it names in the dictionary; a state kept
     * aside is put in its map before its record, but may be gone by the time the map is read (a
     * later write packed the subject again), so {@link #subject} then reads again.
     */
    private byte[] stated(SubjectId id) {
        long stamp = lock.tryOptimisticRead();
        byte[] record = null;
        if (stamp != 0) {
            try {
                record = recordOf(id);
            } catch (RuntimeException torn) {
                stamp = 0;
            }
        }
        if (stamp == 0 || !lock.validate(stamp)) {
            stamp = lock.readLock();
            try {
                record = recordOf(id);
            } finally {
                lock.unlockRead(stamp);
            }
        }
        return record == null || !PackedSubject.hasState(record) ? null : record;
    }

    private byte[] recordOf(SubjectId id) {
        int slot = subjects.find(id);
        return slot < 0 ? null : subjects.record(slot);
    }

    /**
     * Walks the table as it was when the walk began: a subject changed meanwhile is given in one of
     * its states, one added after the table grew during the walk is not given, none is given twice.
     */
    @Override
    public void forEachSubject(Consumer<SubjectState> action) {
        byte[][] table;
        long stamp = lock.readLock();
        try {
            table = subjects.slots();
        } finally {
            lock.unlockRead(stamp);
        }
        for (int slot = 0; slot < table.length; slot++) {
            byte[] record;
            stamp = lock.readLock();
            try {
                record = table[slot];
            } finally {
                lock.unlockRead(stamp);
            }
            if (record == null || !PackedSubject.hasState(record)) {
                continue;
            }
            // a state kept aside may have been packed again since the table grew (the walk's table keeps
            // the old record, its map entry is gone): then the subject's present state is given
            SubjectState state = PackedSubject.isKeptAside(record) ? keptAsideOrNow(PackedSubject.id(record))
                    : PackedSubject.decode(record, dictionary);
            if (state != null) {
                action.accept(state);
            }
        }
    }

    private SubjectState keptAsideOrNow(SubjectId id) {
        SubjectState aside = keptAside.get(id);
        return aside != null ? aside : subject(id).orElse(null);
    }

    @Override
    public Optional<Purpose> purpose(PurposeCode code) {
        return Optional.ofNullable(purposes.get(code));
    }

    @Override
    public MaterialChanges materialChanges() {
        return materialChanges;
    }

    @Override
    public void subjectChanged(SubjectState state) {
        SubjectId id = state.subject().id();
        long stamp = lock.writeLock();
        try {
            int slot = subjects.find(id);
            if (slot >= 0) {
                byte[] old = subjects.record(slot);
                // news of a change committed before a merge or erasure, arriving after it, does not bring the subject back
                if (PackedSubject.isRemoved(old) || PackedSubject.hasState(old) && state.subject().version() < version(id, old)) {
                    return;
                }
            }
            byte[] record = PackedSubject.encode(state, dictionary);
            if (record == null) {
                keptAside.put(id, state);
                record = PackedSubject.keptAside(id);
            } else {
                keptAside.remove(id);
            }
            put(slot, record);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    private long version(SubjectId id, byte[] record) {
        return PackedSubject.isKeptAside(record) ? keptAside.get(id).subject().version() : PackedSubject.version(record);
    }

    /** Puts {@code record} in {@code slot}, or in a new one when -1; its slot. Under the write lock. */
    private int put(int slot, byte[] record) {
        if (slot >= 0) {
            subjects.set(slot, record);
            return slot;
        }
        return subjects.add(record, identifiers::remap);
    }

    @Override
    public void identifierLinked(IdentifierHash identifier, SubjectId subject) {
        long hi = IdentifierSlots.hi(identifier);
        long lo = IdentifierSlots.lo(identifier);
        long stamp = lock.writeLock();
        try {
            int slot = subjects.find(subject);
            if (slot < 0) {
                slot = put(-1, PackedSubject.idOnly(subject));
            } else if (PackedSubject.isRemoved(subjects.record(slot))) {
                return;
            }
            identifiers.put(hi, lo, slot);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    @Override
    public void subjectErased(SubjectId subject, Collection<IdentifierHash> formerIdentifiers) {
        long stamp = lock.writeLock();
        try {
            int slot = remove(subject);
            for (IdentifierHash hash : formerIdentifiers) {
                identifiers.remove(IdentifierSlots.hi(hash), IdentifierSlots.lo(hash), slot);
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    @Override
    public void identifierUnlinked(IdentifierHash identifier, SubjectId subject) {
        long hi = IdentifierSlots.hi(identifier);
        long lo = IdentifierSlots.lo(identifier);
        long stamp = lock.writeLock();
        try {
            int slot = subjects.find(subject);
            if (slot >= 0) {
                identifiers.remove(hi, lo, slot);
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    @Override
    public void subjectRemoved(SubjectId subject) {
        long stamp = lock.writeLock();
        try {
            remove(subject);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Marks {@code subject} removed for good, known before or not; its slot. Under the write lock. */
    private int remove(SubjectId subject) {
        int slot = put(subjects.find(subject), PackedSubject.removed(subject));
        keptAside.remove(subject);
        return slot;
    }

    /**
     * One walk over every identifier, whatever the number of subjects: meant for the rare changes
     * that remove links (another node's unlinks and erasures). A link that leads to another subject
     * by now stays.
     */
    @Override
    public void identifiersReplaced(Map<SubjectId, Set<IdentifierHash>> current) {
        current.forEach((subject, hashes) -> hashes.forEach(hash -> identifierLinked(hash, subject)));
        long stamp = lock.writeLock();
        try {
            Map<Integer, Set<Key>> now = new HashMap<>();
            current.forEach((subject, hashes) -> {
                int slot = subjects.find(subject);
                if (slot >= 0) {
                    Set<Key> keys = new HashSet<>();
                    hashes.forEach(hash -> keys.add(new Key(IdentifierSlots.hi(hash), IdentifierSlots.lo(hash))));
                    now.put(slot, keys);
                }
            });
            List<long[]> gone = new ArrayList<>();
            identifiers.forEach((hi, lo, handle) -> {
                Set<Key> keys = now.get(handle);
                if (keys != null && !keys.contains(new Key(hi, lo))) {
                    gone.add(new long[] {hi, lo, handle});
                }
            });
            gone.forEach(link -> identifiers.remove(link[0], link[1], (int) link[2]));
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** An identifier's 128 bits, as the identifier table keeps them. */
    private record Key(long hi, long lo) {
    }

    @Override
    public void purposeDefined(Purpose purpose) {
        purposes.put(purpose.code(), purpose);
    }

    @Override
    public synchronized void noticePublished(Notice notice) {
        materialChanges = materialChanges.with(notice);
    }

    /** How many identifier hashes lead somewhere. */
    int identifierCount() {
        long stamp = lock.readLock();
        try {
            return identifiers.size();
        } finally {
            lock.unlockRead(stamp);
        }
    }
}
