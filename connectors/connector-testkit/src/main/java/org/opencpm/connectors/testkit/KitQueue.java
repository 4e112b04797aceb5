package org.opencpm.connectors.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.Delivery;
import org.opencpm.application.port.out.DeliveryCounts;
import org.opencpm.application.port.out.DeliveryQueue;
import org.opencpm.application.port.out.DeliveryStatus;
import org.opencpm.domain.subject.SubjectId;

/**
 * The harness's delivery queue: only what one embedded host needs to run a partner's connector
 * for a few seconds. It keeps the rule the dispatcher relies on (a subject's oldest undelivered
 * change is its only claimable one) and nothing of the shared-database contract: one node, so no
 * lease runs out and the owner is not checked; a replay does not look for newer changes that
 * overtook a dead one; nothing is purged. It is deliberately not the core's test fixture, which
 * would put the application's fakes on every partner's classpath.
 */
final class KitQueue implements DeliveryQueue {

    private final TreeMap<Long, Delivery> deliveries = new TreeMap<>();
    private long lastId;

    synchronized Delivery offer(ConsentChange change, String connectorId, Instant now) {
        long id = ++lastId;
        Delivery delivery = new Delivery(id, connectorId, change, DeliveryStatus.PENDING, 0, Instant.EPOCH, Optional.empty(), now,
                Optional.empty());
        deliveries.put(id, delivery);
        return delivery;
    }

    synchronized List<Delivery> all() {
        return List.copyOf(deliveries.values());
    }

    @Override
    public synchronized List<Delivery> claim(String connectorId, int limit, Instant now, Duration lease, String owner) {
        List<Delivery> claimed = new ArrayList<>();
        Set<SubjectId> seen = new HashSet<>();
        for (Delivery d : deliveries.values()) {
            if (claimed.size() >= limit) {
                break;
            }
            boolean open = d.status() == DeliveryStatus.PENDING || d.status() == DeliveryStatus.INFLIGHT;
            if (d.connectorId().equals(connectorId) && open && seen.add(d.change().subject())
                    && d.status() == DeliveryStatus.PENDING && !d.nextAttemptAt().isAfter(now)) {
                Delivery inflight = with(d, DeliveryStatus.INFLIGHT, d.attempts(), d.nextAttemptAt(), d.lastError(), d.deliveredAt());
                deliveries.put(d.id(), inflight);
                claimed.add(inflight);
            }
        }
        return claimed;
    }

    @Override
    public synchronized int delivered(List<Long> deliveryIds, String owner, Instant at) {
        int marked = 0;
        for (long id : deliveryIds) {
            Delivery d = inFlight(id);
            if (d != null) {
                deliveries.put(id, with(d, DeliveryStatus.DELIVERED, d.attempts() + 1, d.nextAttemptAt(), d.lastError(), Optional.of(at)));
                marked++;
            }
        }
        return marked;
    }

    @Override
    public synchronized boolean retryLater(long deliveryId, String owner, Instant nextAttemptAt, String error) {
        Delivery d = inFlight(deliveryId);
        if (d != null) {
            deliveries.put(deliveryId, with(d, DeliveryStatus.PENDING, d.attempts() + 1, nextAttemptAt, Optional.of(error), d.deliveredAt()));
        }
        return d != null;
    }

    @Override
    public synchronized boolean dead(long deliveryId, String owner, Instant at, String error) {
        Delivery d = inFlight(deliveryId);
        if (d != null) {
            deliveries.put(deliveryId, with(d, DeliveryStatus.DEAD, d.attempts() + 1, d.nextAttemptAt(), Optional.of(error), d.deliveredAt()));
        }
        return d != null;
    }

    @Override
    public synchronized int release(String owner, Instant now) {
        return 0;
    }

    @Override
    public synchronized List<Delivery> list(String connectorId, DeliveryStatus status, int limit) {
        return deliveries.values().stream().filter(d -> d.connectorId().equals(connectorId) && d.status() == status).limit(limit).toList();
    }

    @Override
    public synchronized ReplayResult replay(String connectorId, List<Long> ids, Instant now) {
        int replayed = 0;
        for (Delivery d : list(connectorId, DeliveryStatus.DEAD, Integer.MAX_VALUE)) {
            if (ids.isEmpty() || ids.contains(d.id())) {
                deliveries.put(d.id(), with(d, DeliveryStatus.PENDING, 0, now, d.lastError(), d.deliveredAt()));
                replayed++;
            }
        }
        return new ReplayResult(replayed, 0);
    }

    /** Not asked for by the host; the harness reads {@link #all()}. */
    @Override
    public DeliveryCounts counts(String connectorId) {
        throw new UnsupportedOperationException("the harness's queue keeps no counts");
    }

    @Override
    public int purgeDelivered(Instant before) {
        return 0;
    }

    private Delivery inFlight(long id) {
        Delivery d = deliveries.get(id);
        return d != null && d.status() == DeliveryStatus.INFLIGHT ? d : null;
    }

    private static Delivery with(Delivery d, DeliveryStatus status, int attempts, Instant next, Optional<String> error,
                                 Optional<Instant> deliveredAt) {
        return new Delivery(d.id(), d.connectorId(), d.change(), status, attempts, next, error, d.createdAt(), deliveredAt);
    }
}
