package org.opencpm.adapters.persistence.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.adapters.persistence.audit.JpaAuditTrail;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.Outbox;

/**
 * Changes for the connectors in {@code outbox}, written in the transaction of the change.
 *
 * <p>An entry's id is the sequence number of the audit event that records its change (every
 * change is audited first, in the same transaction): unique, and, because appenders take turns on
 * the audit head until they commit, increasing in commit order — a reader that remembers the
 * last id it saw never misses an entry that commits later with a smaller one. One change per
 * audit event; a second change naming the same event is refused by the primary key.
 */
public final class JpaOutbox implements Outbox {

    private final JpaTransactions tx;
    private final JpaAuditTrail audit;
    private final Clock clock;

    public JpaOutbox(JpaTransactions tx, JpaAuditTrail audit, Clock clock) {
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    /** A change as it waits in the outbox. */
    public record Entry(long id, ConsentChange change, Instant createdAt) {
    }

    /**
     * @throws IllegalArgumentException when the change's audit event is not stored
     */
    @Override
    public void enqueue(ConsentChange change) {
        tx.write(em -> {
            long id = audit.seqOf(change.auditEventId()).orElseThrow(() -> new IllegalArgumentException(
                    "the audit event " + change.auditEventId() + " of an outbox change is not stored: audit the change first"));
            em.persist(OutboxMapper.toEntity(id, change, clock.instant()));
            return null;
        });
    }

    /** Up to {@code limit} entries with ids above {@code afterId}, in id order. */
    public List<Entry> after(long afterId, int limit) {
        return tx.read(em -> em.createQuery("SELECT o FROM OutboxJpaEntity o WHERE o.id > :after ORDER BY o.id", OutboxJpaEntity.class)
                .setParameter("after", afterId)
                .setMaxResults(limit)
                .getResultList().stream().map(OutboxMapper::toEntry).toList());
    }
}
