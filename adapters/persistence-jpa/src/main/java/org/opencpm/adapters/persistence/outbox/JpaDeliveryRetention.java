package org.opencpm.adapters.persistence.outbox;

import static org.opencpm.adapters.persistence.outbox.DeliveryJdbc.DEAD;
import static org.opencpm.adapters.persistence.outbox.DeliveryJdbc.DELIVERED;
import static org.opencpm.adapters.persistence.outbox.DeliveryJdbc.updateEach;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.application.port.out.DeliveryRetention;

/**
 * The purge of old receipts from {@code outbox_delivery} and of the {@code outbox} changes left
 * without deliveries, in batches of {@value #PURGE_BATCH} rows, each in a short transaction of its
 * own ({@link DeliveryJdbc}).
 */
public final class JpaDeliveryRetention implements DeliveryRetention {

    /** The most rows one transaction of {@link #purgeDelivered} deletes. */
    public static final int PURGE_BATCH = 10_000;

    /**
     * Deliveries delivered before a time — but not one that an earlier dead delivery of its
     * connector and subject may need, to be found superseded when it is replayed. Parameters:
     * before, limit.
     */
    private static final String PURGEABLE_DELIVERIES = "SELECT d.id FROM outbox_delivery d WHERE d.delivered_at < ? AND d.status = '"
            + DELIVERED + "' AND NOT EXISTS (SELECT 1 FROM outbox_delivery x WHERE x.connector_id = d.connector_id"
            + " AND x.subject_id = d.subject_id AND x.status = '" + DEAD + "' AND x.id < d.id) LIMIT ?";
    /** The {@code outbox} row (named {@code outbox}, not aliased) has no delivery left ({@code ix_delivery_outbox}). */
    private static final String NO_DELIVERY_LEFT = "NOT EXISTS (SELECT 1 FROM outbox_delivery d WHERE d.outbox_id = outbox.id)";
    /** Changes written before a time that no delivery refers to. Parameters: before, limit. */
    private static final String PURGEABLE_CHANGES = "SELECT id FROM outbox WHERE created_at < ? AND " + NO_DELIVERY_LEFT + " LIMIT ?";

    private final DeliveryJdbc jdbc;

    public JpaDeliveryRetention(JpaTransactions tx) {
        this.jdbc = new DeliveryJdbc(tx);
    }

    /**
     * {@inheritDoc} In transactions of at most {@value #PURGE_BATCH} rows each (a select of the
     * ids, then a {@code DELETE} per {@value DeliveryJdbc#MAX_IN_LIST} of them), so that a large
     * backlog — the first purge of a busy database — never makes one huge transaction: first the
     * delivered deliveries (found through {@code ix_delivery_delivered}), then the changes written
     * before {@code before} (through {@code ix_outbox_created}) that no delivery refers to any more
     * ({@code ix_delivery_outbox}). Several nodes purging at once is harmless: each deletes what is
     * still there.
     */
    @Override
    public int purgeDelivered(Instant before) {
        long cutoff = before.toEpochMilli();
        int deleted = 0;
        Purged batch;
        do {
            batch = purgeBatch(PURGEABLE_DELIVERIES, "DELETE FROM outbox_delivery WHERE status = '" + DELIVERED + "' AND id IN ", cutoff);
            deleted += batch.deleted();
        } while (batch.more());
        do {
            batch = purgeBatch(PURGEABLE_CHANGES, "DELETE FROM outbox WHERE " + NO_DELIVERY_LEFT + " AND id IN ", cutoff);
        } while (batch.more());
        return deleted;
    }

    /** What one transaction of a purge found to delete, and deleted. */
    private record Purged(int found, int deleted) {

        /** A full batch, deleted: there may be more (none deleted: another node is purging the same rows, and goes on). */
        boolean more() {
            return found == PURGE_BATCH && deleted > 0;
        }
    }

    /** Up to {@value #PURGE_BATCH} ids that {@code select} finds before {@code cutoff}, deleted with {@code deleteBeforeIds}. */
    private Purged purgeBatch(String select, String deleteBeforeIds, long cutoff) {
        return jdbc.inOwnTransaction(c -> {
            List<Long> ids;
            try (PreparedStatement statement = c.prepareStatement(select)) {
                statement.setLong(1, cutoff);
                statement.setInt(2, PURGE_BATCH);
                ids = DeliveryJdbc.ids(statement);
            }
            return new Purged(ids.size(), updateEach(c, deleteBeforeIds, ids, statement -> 1));
        });
    }
}
