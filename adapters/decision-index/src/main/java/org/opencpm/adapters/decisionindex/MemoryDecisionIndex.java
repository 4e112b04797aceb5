package org.opencpm.adapters.decisionindex;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Consumer;
import org.opencpm.application.port.out.DecisionIndex;
import org.opencpm.application.port.out.IdentifierHash;
import org.opencpm.application.port.out.SubjectState;
import org.opencpm.application.port.out.SubjectView;
import org.opencpm.domain.notice.MaterialChanges;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/**
 * The decision index, compact (ADR 0020): each subject one {@link PackedSubject packed} byte array
 * beside its shared preferences, found by id through {@link SubjectRecords} and by identifier hash
 * through {@link IdentifierSlots} — primitive arrays, no map entries or key objects — with the values
 * many subjects share (purposes, consent shapes, notice stamps, preferences) kept once in a {@link
 * Dictionary}. A decision reads its one consent from the bytes ({@link #view}); {@link #subject} and
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
    private final SubjectRecords subjects = new SubjectRecords();
    private final IdentifierSlots identifiers = new IdentifierSlots();
    private final Map<PurposeCode, Purpose> purposes = new ConcurrentHashMap<>();
    private volatile MaterialChanges materialChanges = MaterialChanges.none();

    /** A subject's record and what is kept beside it, read together. */
    private record Entry(byte[] record, Object extra) {
    }

    @Override
    public Optional<SubjectId> subjectOf(IdentifierHash identifier) {
        long hi = IdentifierSlots.hi(identifier);
        long lo = IdentifierSlots.lo(identifier);
        long stamp = lock.tryOptimisticRead();
        byte[] record = null;
        if (stamp != 0) {
            try {
                int handle = identifiers.find(hi, lo);
                record = handle < 0 ? null : subjects.record(handle);
            } catch (RuntimeException torn) {
                stamp = 0;
            }
        }
        if (stamp == 0 || !lock.validate(stamp)) {
            stamp = lock.readLock();
            try {
                int handle = identifiers.find(hi, lo);
                record = handle < 0 ? null : subjects.record(handle);
            } finally {
                lock.unlockRead(stamp);
            }
        }
        return record == null ? Optional.empty() : Optional.of(PackedSubject.id(record));
    }

    @Override
    public Optional<SubjectState> subject(SubjectId id) {
        Entry entry = entry(id);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.extra instanceof SubjectState loose) {
            return Optional.of(loose);
        }
        return Optional.of(PackedSubject.decode(entry.record, (Preferences) entry.extra, dictionary));
    }

    @Override
    public Optional<? extends SubjectView> view(SubjectId id) {
        Entry entry = entry(id);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.extra instanceof SubjectState loose) {
            return Optional.of(loose);
        }
        return Optional.of(new PackedView(id, entry.record, (Preferences) entry.extra, dictionary));
    }

    /** Subject {@code id}'s record and extra when it has a state, else null. */
    private Entry entry(SubjectId id) {
        long stamp = lock.tryOptimisticRead();
        Entry entry = null;
        if (stamp != 0) {
            try {
                entry = read(id);
            } catch (RuntimeException torn) {
                stamp = 0;
            }
        }
        if (stamp == 0 || !lock.validate(stamp)) {
            stamp = lock.readLock();
            try {
                entry = read(id);
            } finally {
                lock.unlockRead(stamp);
            }
        }
        return entry == null || !PackedSubject.hasState(entry.record) ? null : entry;
    }

    private Entry read(SubjectId id) {
        int handle = subjects.find(id);
        return handle < 0 ? null : new Entry(subjects.record(handle), subjects.extra(handle));
    }

    @Override
    public void forEachSubject(Consumer<SubjectState> action) {
        int size;
        long stamp = lock.readLock();
        try {
            size = subjects.size();
        } finally {
            lock.unlockRead(stamp);
        }
        for (int handle = 0; handle < size; handle++) {
            Entry entry;
            stamp = lock.readLock();
            try {
                entry = new Entry(subjects.record(handle), subjects.extra(handle));
            } finally {
                lock.unlockRead(stamp);
            }
            if (!PackedSubject.hasState(entry.record)) {
                continue;
            }
            action.accept(entry.extra instanceof SubjectState loose ? loose
                    : PackedSubject.decode(entry.record, (Preferences) entry.extra, dictionary));
        }
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
            int handle = subjects.find(id);
            if (handle >= 0) {
                byte[] old = subjects.record(handle);
                // news of a change committed before a merge or erasure, arriving after it, does not bring the subject back
                if (PackedSubject.isRemoved(old)
                        || PackedSubject.hasState(old) && state.subject().version() < version(old, subjects.extra(handle))) {
                    return;
                }
            }
            byte[] record;
            Object extra;
            try {
                record = PackedSubject.encode(state, dictionary);
                extra = dictionary.share(state.preferences());
            } catch (ArithmeticException beyondMilliseconds) {
                record = PackedSubject.idOnlyWithState(id);
                extra = state;
            }
            if (handle >= 0) {
                subjects.set(handle, record, extra);
            } else {
                subjects.add(record, extra);
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    private static long version(byte[] record, Object extra) {
        return extra instanceof SubjectState loose ? loose.subject().version() : PackedSubject.version(record);
    }

    @Override
    public void identifierLinked(IdentifierHash identifier, SubjectId subject) {
        long hi = IdentifierSlots.hi(identifier);
        long lo = IdentifierSlots.lo(identifier);
        long stamp = lock.writeLock();
        try {
            int handle = subjects.find(subject);
            if (handle < 0) {
                handle = subjects.add(PackedSubject.idOnly(subject), null);
            } else if (PackedSubject.isRemoved(subjects.record(handle))) {
                return;
            }
            identifiers.put(hi, lo, handle);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    @Override
    public void subjectErased(SubjectId subject, Collection<IdentifierHash> formerIdentifiers) {
        long stamp = lock.writeLock();
        try {
            int handle = remove(subject);
            for (IdentifierHash hash : formerIdentifiers) {
                identifiers.remove(IdentifierSlots.hi(hash), IdentifierSlots.lo(hash), handle);
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
            int handle = subjects.find(subject);
            if (handle >= 0) {
                identifiers.remove(hi, lo, handle);
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

    /** Marks {@code subject} removed for good, known before or not; its handle. Under the write lock. */
    private int remove(SubjectId subject) {
        int handle = subjects.find(subject);
        if (handle < 0) {
            return subjects.add(PackedSubject.removed(subject), null);
        }
        subjects.set(handle, PackedSubject.removed(subject), null);
        return handle;
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

    /** How many distinct consent shapes the index holds: a measure of how well they are shared. */
    int consentShapes() {
        long stamp = lock.readLock();
        try {
            return dictionary.shapes();
        } finally {
            lock.unlockRead(stamp);
        }
    }
}
