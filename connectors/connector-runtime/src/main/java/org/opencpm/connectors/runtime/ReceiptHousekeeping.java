package org.opencpm.connectors.runtime;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.opencpm.application.port.out.DeliveryRetention;

/** Once an hour, deletes the receipts of deliveries older than the retention period. */
final class ReceiptHousekeeping implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ReceiptHousekeeping.class.getName());

    private final DeliveryRetention receipts;
    private final Clock clock;
    private final Duration retention;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon(true).name("opencpm-connector-housekeeping").factory());

    ReceiptHousekeeping(DeliveryRetention receipts, Clock clock, Duration retention) {
        this.receipts = receipts;
        this.clock = clock;
        this.retention = retention;
    }

    void start() {
        timer.scheduleWithFixedDelay(this::purge, 1, 60, TimeUnit.MINUTES);
    }

    /** One purge: what is older than the retention period, on the clock, goes. */
    void purge() {
        try {
            int purged = receipts.purgeDelivered(clock.instant().minus(retention));
            if (purged > 0) {
                LOG.info(() -> "purged " + purged + " delivery receipts older than " + retention.toDays() + " days");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "purging old delivery receipts failed; trying again in an hour", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
