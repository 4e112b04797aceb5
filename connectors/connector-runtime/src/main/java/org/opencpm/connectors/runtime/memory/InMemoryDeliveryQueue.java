package org.opencpm.connectors.runtime.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.opencpm.application.port.out.Clock;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.DeadLetters;
import org.opencpm.application.port.out.Delivery;
import org.opencpm.application.port.out.DeliveryCounts;
import org.opencpm.application.port.out.DeliveryQueue;
import org.opencpm.application.port.out.DeliveryRetention;
import org.opencpm.application.port.out.DeliveryStatus;
import org.opencpm.domain.subject.SubjectId;

/**
 * The three sides of the delivery queue in one sorted map, for a host without a database: the
 * connector test kit's embedded host, and the core's in-memory tests (the test fixtures' outbox
 * feeds it). It keeps the whole contract the database queue keeps — one head per subject and
 * connector, leases that run out and are checked on every outcome, a restarted node's release,
 * replays that supersede overtaken dead letters, the purge that keeps what a dead letter may need —
 * and is held to the same contract suite ({@code DeliveryQueueContract} in the test fixtures). One
 * node's worth of locking: every call is synchronised. It keeps deliveries, not the outbox's
 * changes, so a purge deletes deliveries only. Creation times come from the injected clock.
 */
public final class InMemoryDeliveryQueue implements DeliveryQueue, DeadLetters, DeliveryRetention {

    private record Lease(String owner, Instant until) {
    }

    private final Clock clock;
    private final TreeMap<Long, Delivery> deliveries = new TreeMap<>();
    private final Map<Long, Lease> leases = new HashMap<>();
    private long lastId;

    /** @param clock stamps each delivery's creation */
    public InMemoryDeliveryQueue(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Adds one pending delivery of {@code change} to {@code connectorId}, due at once, as a committed outbox would. */
    public synchronized Delivery offer(ConsentChange change, String connectorId) {
        long id = ++lastId;
        Delivery delivery = new Delivery(id, connectorId, change, DeliveryStatus.PENDING, 0, Instant.EPOCH, Optional.empty(),
                clock.now(), Optional.empty());
        deliveries.put(id, delivery);
        return delivery;
    }

    /** Takes back a delivery {@link #offer}ed in a transaction that then rolled back. */
    public synchronized void withdraw(long id) {
        deliveries.remove(id);
        leases.remove(id);
    }

    /** Every delivery, in id order. */
    public synchronized List<Delivery> all() {
        return List.copyOf(deliveries.values());
    }

    /** Marks a delivery dead as a connector that gave up would, whoever holds it (for tests that need a dead letter). */
    public synchronized void kill(long id, Instant at, String error) {
        Delivery d = deliveries.get(id);
        leases.remove(id);
        deliveries.put(id, with(d, DeliveryStatus.DEAD, d.attempts() + 1, d.nextAttemptAt(), Optional.of(error), d.deliveredAt()));
    }

    // ------------------------------------------------------------------ claims and outcomes

    @Override
    public synchronized List<Delivery> claim(String connectorId, int limit, Instant now, Duration lease, String owner) {
        expireLeases(connectorId, now);
        List<Delivery> claimed = new ArrayList<>();
        Set<SubjectId> blocked = new HashSet<>();
        deliveries.values().stream().filter(d -> d.connectorId().equals(connectorId) && d.status() == DeliveryStatus.INFLIGHT)
                .forEach(d -> blocked.add(d.change().subject()));
        for (Delivery d : deliveries.values()) {
            if (claimed.size() >= limit) {
                break;
            }
            boolean open = d.status() == DeliveryStatus.PENDING || d.status() == DeliveryStatus.INFLIGHT;
            if (!d.connectorId().equals(connectorId) || !open || !blocked.add(d.change().subject())) {
                continue; // another connector's, finished, or behind its subject's head
            }
            if (d.status() == DeliveryStatus.PENDING && !d.nextAttemptAt().isAfter(now)) {
                Delivery inflight = with(d, DeliveryStatus.INFLIGHT, d.attempts(), d.nextAttemptAt(), d.lastError(), d.deliveredAt());
                deliveries.put(d.id(), inflight);
                leases.put(d.id(), new Lease(owner, now.plus(lease)));
                claimed.add(inflight);
            }
        }
        return claimed;
    }

    /** The connector's leases that ran out by {@code now}: their deliveries are pending again. */
    private void expireLeases(String connectorId, Instant now) {
        leases.entrySet().removeIf(lease -> {
            Delivery d = deliveries.get(lease.getKey());
            if (d == null || !d.connectorId().equals(connectorId) || lease.getValue().until().isAfter(now)) {
                return false;
            }
            deliveries.put(d.id(), with(d, DeliveryStatus.PENDING, d.attempts(), d.nextAttemptAt(), d.lastError(), d.deliveredAt()));
            return true;
        });
    }

    @Override
    public synchronized int delivered(List<Long> deliveryIds, String owner, Instant at) {
        int marked = 0;
        for (long id : deliveryIds) {
            marked += update(id, owner, d -> with(d, DeliveryStatus.DELIVERED, d.attempts() + 1, d.nextAttemptAt(), d.lastError(),
                    Optional.of(at))) ? 1 : 0;
        }
        return marked;
    }

    @Override
    public synchronized boolean retryLater(long deliveryId, String owner, Instant nextAttemptAt, String error) {
        return update(deliveryId, owner, d -> with(d, DeliveryStatus.PENDING, d.attempts() + 1, nextAttemptAt, Optional.of(error),
                d.deliveredAt()));
    }

    @Override
    public synchronized boolean dead(long deliveryId, String owner, Instant at, String error) {
        return update(deliveryId, owner, d -> with(d, DeliveryStatus.DEAD, d.attempts() + 1, d.nextAttemptAt(), Optional.of(error),
                d.deliveredAt()));
    }

    /** Applies {@code change} to a delivery in flight for {@code owner}; false (and nothing changed) otherwise. */
    private boolean update(long id, String owner, UnaryOperator<Delivery> change) {
        Delivery d = deliveries.get(id);
        Lease lease = leases.get(id);
        if (d == null || d.status() != DeliveryStatus.INFLIGHT || lease == null || !lease.owner().equals(owner)) {
            return false;
        }
        leases.remove(id);
        deliveries.put(id, change.apply(d));
        return true;
    }

    @Override
    public synchronized int release(String owner, Instant now) {
        int released = 0;
        for (Map.Entry<Long, Lease> lease : List.copyOf(leases.entrySet())) {
            Delivery d = deliveries.get(lease.getKey());
            if (lease.getValue().owner().equals(owner) && d != null && d.status() == DeliveryStatus.INFLIGHT) {
                deliveries.put(d.id(), with(d, DeliveryStatus.PENDING, d.attempts(), now, d.lastError(), d.deliveredAt()));
                leases.remove(d.id());
                released++;
            }
        }
        return released;
    }

    // ------------------------------------------------------------------ what operators see and replay

    @Override
    public synchronized List<Delivery> list(String connectorId, DeliveryStatus status, int limit) {
        return deliveries.values().stream().filter(d -> d.connectorId().equals(connectorId) && d.status() == status)
                .limit(Math.max(0, limit)).toList();
    }

    @Override
    public synchronized List<Delivery> ofSubject(SubjectId subject, long afterId, int limit) {
        return deliveries.tailMap(afterId, false).values().stream().filter(d -> d.change().subject().equals(subject))
                .limit(Math.max(0, limit)).toList();
    }

    @Override
    public synchronized ReplayResult replay(String connectorId, List<Long> ids, Instant now) {
        int replayed = 0;
        int superseded = 0;
        for (Delivery d : List.copyOf(deliveries.values())) {
            if (d.connectorId().equals(connectorId) && d.status() == DeliveryStatus.DEAD && (ids.isEmpty() || ids.contains(d.id()))) {
                if (overtaken(d)) {
                    deliveries.put(d.id(), with(d, DeliveryStatus.DELIVERED, d.attempts(), d.nextAttemptAt(), Optional.of(SUPERSEDED),
                            Optional.of(now)));
                    superseded++;
                } else {
                    deliveries.put(d.id(), with(d, DeliveryStatus.PENDING, 0, now, d.lastError(), d.deliveredAt()));
                    replayed++;
                }
            }
        }
        return new ReplayResult(replayed, superseded);
    }

    /** Whether a later change of the same subject and purpose (or a later preference change) reached the connector or is on its way. */
    private boolean overtaken(Delivery dead) {
        return deliveries.tailMap(dead.id(), false).values().stream()
                .anyMatch(later -> later.connectorId().equals(dead.connectorId()) && later.status() != DeliveryStatus.DEAD
                        && later.change().subject().equals(dead.change().subject()) && later.change().kind() == dead.change().kind()
                        && later.change().purpose().equals(dead.change().purpose()));
    }

    @Override
    public synchronized DeliveryCounts counts(String connectorId) {
        long pending = 0;
        long inflight = 0;
        long delivered = 0;
        long failed = 0;
        long dead = 0;
        Optional<Long> oldest = Optional.empty();
        for (Delivery d : deliveries.values()) {
            if (!d.connectorId().equals(connectorId)) {
                continue;
            }
            switch (d.status()) {
                case PENDING -> {
                    pending++;
                    failed += d.attempts() > 0 ? 1 : 0;
                }
                case INFLIGHT -> inflight++;
                case DELIVERED -> delivered++;
                case DEAD -> dead++;
            }
            boolean undelivered = d.status() == DeliveryStatus.PENDING || d.status() == DeliveryStatus.INFLIGHT;
            if (undelivered && oldest.map(o -> d.createdAt().toEpochMilli() < o).orElse(true)) {
                oldest = Optional.of(d.createdAt().toEpochMilli());
            }
        }
        return new DeliveryCounts(pending, inflight, delivered, failed, dead, oldest);
    }

    // ------------------------------------------------------------------ retention

    @Override
    public synchronized int purgeDelivered(Instant before) {
        List<Long> old = deliveries.values().stream().filter(d -> d.status() == DeliveryStatus.DELIVERED
                && d.deliveredAt().map(at -> at.isBefore(before)).orElse(false)
                && deliveries.headMap(d.id()).values().stream().noneMatch(earlier -> earlier.status() == DeliveryStatus.DEAD
                        && earlier.connectorId().equals(d.connectorId()) && earlier.change().subject().equals(d.change().subject())))
                .map(Delivery::id).toList();
        old.forEach(deliveries::remove);
        return old.size();
    }

    private static Delivery with(Delivery d, DeliveryStatus status, int attempts, Instant next, Optional<String> error,
                                 Optional<Instant> deliveredAt) {
        return new Delivery(d.id(), d.connectorId(), d.change(), status, attempts, next, error, d.createdAt(), deliveredAt);
    }
}
