package org.opencpm.testfixtures;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.opencpm.application.port.out.ConcurrencyConflictException;
import org.opencpm.application.port.out.RightsRequestStore;
import org.opencpm.domain.rights.RightsRequest;
import org.opencpm.domain.rights.RightsRequestStatus;
import org.opencpm.domain.rights.RightsRequestType;
import org.opencpm.domain.subject.SubjectId;

/**
 * Rights requests in a map by id; writes inside a transaction are undone when it rolls back. The
 * sole open requests are keyed by subject and type as the database's unique key keeps them.
 */
public final class InMemoryRightsRequestStore implements RightsRequestStore {

    private record SoleOpenKey(SubjectId subject, RightsRequestType type) {
    }

    private final Map<String, RightsRequest> byId = new ConcurrentHashMap<>();
    /** The id of the sole open request of each subject and type, while it is open. */
    private final Map<SoleOpenKey, String> soleOpen = new ConcurrentHashMap<>();
    private final InMemoryTransactions tx;

    public InMemoryRightsRequestStore(InMemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public synchronized void insert(RightsRequest request) {
        if (byId.containsKey(request.id())) {
            throw new IllegalStateException("rights request " + request.id() + " exists already");
        }
        put(request);
    }

    @Override
    public synchronized void insertSoleOpen(RightsRequest request) {
        SoleOpenKey key = new SoleOpenKey(request.subject(), request.type());
        if (soleOpen.containsKey(key)) {
            throw new ConcurrencyConflictException("a sole open " + request.type().code() + " request of this subject exists already");
        }
        insert(request);
        soleOpen.put(key, request.id());
        tx.onRollback(() -> soleOpen.remove(key, request.id()));
    }

    @Override
    public synchronized boolean update(RightsRequest moved, RightsRequestStatus expected) {
        RightsRequest stored = byId.get(moved.id());
        if (stored == null || stored.status() != expected) {
            return false;
        }
        put(moved);
        SoleOpenKey key = new SoleOpenKey(moved.subject(), moved.type());
        if (moved.status().isFinal() && soleOpen.remove(key, moved.id())) {
            tx.onRollback(() -> soleOpen.put(key, moved.id()));
        }
        return true;
    }

    @Override
    public Optional<RightsRequest> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public List<RightsRequest> list(Optional<RightsRequestStatus> status, Optional<Instant> openAndDueBefore, int limit) {
        return byId.values().stream()
                .filter(r -> status.map(s -> r.status() == s).orElse(true))
                .filter(r -> openAndDueBefore.map(r::overdueAt).orElse(true))
                .sorted(Comparator.comparing(RightsRequest::dueAt).thenComparing(RightsRequest::id))
                .limit(limit)
                .toList();
    }

    @Override
    public boolean anyOpenOf(SubjectId subject) {
        return byId.values().stream().anyMatch(r -> r.subject().equals(subject) && !r.status().isFinal());
    }

    @Override
    public List<RightsRequest> openOf(SubjectId subject) {
        return byId.values().stream().filter(r -> r.subject().equals(subject) && !r.status().isFinal())
                .sorted(Comparator.comparing(RightsRequest::dueAt).thenComparing(RightsRequest::id)).toList();
    }

    @Override
    public long countOverdue(Instant now) {
        return byId.values().stream().filter(r -> r.overdueAt(now)).count();
    }

    private void put(RightsRequest request) {
        RightsRequest before = byId.put(request.id(), request);
        tx.onRollback(() -> {
            if (before == null) {
                byId.remove(request.id());
            } else {
                byId.put(request.id(), before);
            }
        });
    }

    /** Blanks the free text of {@code subject}'s requests (the shredder's part). */
    public synchronized void scrub(org.opencpm.domain.subject.SubjectId subject) {
        byId.values().stream().filter(r -> r.subject().equals(subject)).toList().forEach(r -> put(r.withoutFreeText()));
    }
}
