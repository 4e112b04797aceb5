package org.opencpm.testfixtures;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.opencpm.application.port.out.ConcurrencyConflictException;
import org.opencpm.application.port.out.IdentifierHash;
import org.opencpm.application.port.out.LinkedIdentifier;
import org.opencpm.application.port.out.SealedIdentifier;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.domain.subject.IdentifierType;
import org.opencpm.domain.subject.Subject;
import org.opencpm.domain.subject.SubjectId;

public final class InMemorySubjectStore implements SubjectStore {

    private final Map<SubjectId, Subject> subjects = new ConcurrentHashMap<>();
    private final Map<IdentifierHash, LinkedIdentifier> identifiers = new ConcurrentHashMap<>();
    private final Map<IdentifierHash, SubjectId> owners = new ConcurrentHashMap<>();
    private final Map<SubjectId, SubjectId> mergedInto = new ConcurrentHashMap<>();
    private final InMemoryTransactions tx;

    public InMemorySubjectStore(InMemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<SubjectId> findByIdentifier(IdentifierHash hash) {
        return Optional.ofNullable(owners.get(hash));
    }

    @Override
    public Optional<Subject> find(SubjectId id) {
        return Optional.ofNullable(subjects.get(id));
    }

    @Override
    public void save(Subject subject, Optional<Long> expectedVersion) {
        Subject previous = subjects.get(subject.id());
        if (expectedVersion.isEmpty() ? previous != null : previous == null || previous.version() != expectedVersion.get()) {
            throw new ConcurrencyConflictException("subject " + subject.id() + " changed meanwhile");
        }
        subjects.put(subject.id(), subject);
        tx.onRollback(() -> {
            if (previous == null) {
                subjects.remove(subject.id());
            } else {
                subjects.put(subject.id(), previous);
            }
        });
    }

    @Override
    public void link(SubjectId id, IdentifierType type, IdentifierHash hash, SealedIdentifier sealed) {
        if (owners.putIfAbsent(hash, id) != null) {
            throw new ConcurrencyConflictException("identifier linked meanwhile");
        }
        identifiers.put(hash, new LinkedIdentifier(type, hash, sealed));
        tx.onRollback(() -> {
            owners.remove(hash);
            identifiers.remove(hash);
        });
    }

    @Override
    public List<LinkedIdentifier> identifiersOf(SubjectId id) {
        List<LinkedIdentifier> linked = new ArrayList<>();
        owners.forEach((hash, owner) -> {
            if (owner.equals(id)) {
                linked.add(identifiers.get(hash));
            }
        });
        return linked;
    }

    @Override
    public boolean unlink(SubjectId id, IdentifierHash hash) {
        LinkedIdentifier linked = identifiers.get(hash);
        if (linked == null || !owners.remove(hash, id)) {
            return false;
        }
        identifiers.remove(hash);
        tx.onRollback(() -> {
            identifiers.put(hash, linked);
            owners.put(hash, id);
        });
        return true;
    }

    @Override
    public void merge(SubjectId from, SubjectId into) {
        if (mergedInto.putIfAbsent(from, into) != null) {
            throw new ConcurrencyConflictException("subject " + from + " merged meanwhile");
        }
        tx.onRollback(() -> mergedInto.remove(from));
        owners.forEach((hash, owner) -> {
            if (owner.equals(from) && owners.replace(hash, from, into)) {
                tx.onRollback(() -> owners.replace(hash, into, from));
            }
        });
    }

    @Override
    public Optional<SubjectId> mergedInto(SubjectId id) {
        return Optional.ofNullable(mergedInto.get(id));
    }

    @Override
    public List<SubjectId> absorbedBy(SubjectId into) {
        List<SubjectId> found = new ArrayList<>();
        Deque<SubjectId> next = new ArrayDeque<>(List.of(into));
        while (!next.isEmpty()) {
            SubjectId target = next.pop();
            mergedInto.forEach((from, to) -> {
                if (to.equals(target)) {
                    found.add(from);
                    next.push(from);
                }
            });
        }
        return found;
    }

    /** Whether {@code id} stands on its own: not merged into another subject. */
    public boolean standsAlone(SubjectId id) {
        return !mergedInto.containsKey(id);
    }

    public int count() {
        return subjects.size();
    }

    public List<Subject> all() {
        return List.copyOf(subjects.values());
    }

    public Map<IdentifierHash, SubjectId> links() {
        return Map.copyOf(owners);
    }

    /** Deletes the subject and its identifier links (the shredder's part); returns how many links. */
    public synchronized int forget(SubjectId id) {
        Subject subject = subjects.remove(id);
        Map<IdentifierHash, LinkedIdentifier> gone = new java.util.HashMap<>();
        owners.forEach((hash, owner) -> {
            if (owner.equals(id)) {
                gone.put(hash, identifiers.get(hash));
            }
        });
        gone.keySet().forEach(hash -> {
            owners.remove(hash);
            identifiers.remove(hash);
        });
        tx.onRollback(() -> {
            if (subject != null) {
                subjects.put(id, subject);
            }
            gone.forEach((hash, linked) -> {
                owners.put(hash, id);
                identifiers.put(hash, linked);
            });
        });
        return gone.size();
    }
}
