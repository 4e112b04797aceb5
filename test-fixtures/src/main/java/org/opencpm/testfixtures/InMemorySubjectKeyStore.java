package org.opencpm.testfixtures;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.opencpm.application.port.out.ConcurrencyConflictException;
import org.opencpm.application.port.out.SubjectKeyStore;
import org.opencpm.application.port.out.WrappedKey;
import org.opencpm.domain.subject.SubjectId;

/** Persons' wrapped keys in a map; writes inside a transaction are undone when it rolls back. */
public final class InMemorySubjectKeyStore implements SubjectKeyStore {

    private final Map<SubjectId, WrappedKey> keys = new ConcurrentHashMap<>();
    private final InMemoryTransactions tx;

    public InMemorySubjectKeyStore(InMemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<WrappedKey> find(SubjectId subject) {
        return Optional.ofNullable(keys.get(subject));
    }

    @Override
    public synchronized void insert(SubjectId subject, WrappedKey key) {
        if (keys.putIfAbsent(subject, key) != null) {
            throw new ConcurrencyConflictException("subject " + subject + " has a key already");
        }
        tx.onRollback(() -> keys.remove(subject, key));
    }

    @Override
    public synchronized boolean destroy(SubjectId subject) {
        WrappedKey gone = keys.remove(subject);
        if (gone != null) {
            tx.onRollback(() -> keys.put(subject, gone));
        }
        return gone != null;
    }

    /** How many keys exist, for tests. */
    public int size() {
        return keys.size();
    }
}
