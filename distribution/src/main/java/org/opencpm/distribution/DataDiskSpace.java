package org.opencpm.distribution;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The free space of the disk that holds the data folder (and so the embedded database), and what
 * OpenCPM does about it.
 *
 * <p>Why: a database that runs out of disk in the middle of a write fails that write, and H2 then
 * closes the whole database until a restart. So OpenCPM stops taking writes while a reserve is
 * still free ({@code opencpm.storage.min-free-bytes}, default {@value #DEFAULT_MIN_FREE_BYTES}
 * bytes): {@link StorageFullGuard} answers them with a 503 problem, readiness goes DOWN, and what
 * is already under way (deliveries, the decision log, the database's own housekeeping) still has
 * room. Below twice the reserve ({@code opencpm.storage.warn-free-bytes}) readiness stays UP
 * but says {@code dataDisk: low}, and the gauge {@code opencpm_data_disk_free_bytes} lets
 * monitoring warn well before. Writes are taken again as soon as space is freed.
 */
@ApplicationScoped
public class DataDiskSpace {

    /** 1 GiB: minutes of the fastest writing the embedded database does, and room to compact on stop. */
    public static final long DEFAULT_MIN_FREE_BYTES = 1L << 30;
    /** A reading is reused for this long: requests do not each ask the file system. */
    static final long FRESH_NANOS = 250_000_000L;

    private static final Logger LOG = Logger.getLogger(DataDiskSpace.class.getName());

    /** Where the disk stands. */
    public enum State {
        /** More than the warning level free. */
        OK,
        /** Below the warning level: still writing, monitoring should act. */
        LOW,
        /** Below the reserve: writes are refused. */
        FULL
    }

    private FreeSpace reading;
    private long minFreeBytes;
    private long warnFreeBytes;
    private LongSupplier nanoTime;
    private volatile long lastFree = Long.MAX_VALUE;
    private volatile long lastReadAt;
    private volatile boolean everRead;

    @Inject
    MetricRegistry registry;

    @Inject
    public DataDiskSpace(Config config) {
        this(FreeSpace.of(ServerSettings.from(config).dataDir()),
                config.getOptionalValue("opencpm.storage.min-free-bytes", Long.class).orElse(DEFAULT_MIN_FREE_BYTES),
                config.getOptionalValue("opencpm.storage.warn-free-bytes", Long.class), System::nanoTime);
    }

    /**
     * @param reading       the free space of the data folder's disk
     * @param minFreeBytes  below this, writes are refused
     * @param warnFreeBytes below this, readiness says the disk is low; twice {@code minFreeBytes} when empty
     * @param nanoTime      the clock readings are reused by
     */
    DataDiskSpace(FreeSpace reading, long minFreeBytes, Optional<Long> warnFreeBytes, LongSupplier nanoTime) {
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("opencpm.storage.min-free-bytes must not be negative, was " + minFreeBytes);
        }
        this.reading = reading;
        this.minFreeBytes = minFreeBytes;
        this.warnFreeBytes = Math.max(minFreeBytes, warnFreeBytes.orElse(minFreeBytes > Long.MAX_VALUE / 2 ? minFreeBytes : 2 * minFreeBytes));
        this.nanoTime = nanoTime;
    }

    /** For CDI's proxy. */
    protected DataDiskSpace() {
    }

    void publishMetrics(@Observes @Initialized(ApplicationScoped.class) Object started) {
        registry.gauge(Metadata.builder().withName("opencpm_data_disk_free_bytes")
                .withDescription("Bytes free on the disk of the data folder (the embedded database)").build(), this::freeBytes);
        registry.gauge(Metadata.builder().withName("opencpm_data_disk_min_free_bytes")
                .withDescription("Below this many free bytes on the data folder's disk, writes are refused (503)").build(),
                this::minFreeBytes);
    }

    /** The free bytes of the data folder's disk, at most {@link #FRESH_NANOS} old. */
    public long freeBytes() {
        long now = nanoTime.getAsLong();
        if (!everRead || now - lastReadAt > FRESH_NANOS) {
            try {
                lastFree = reading.freeBytes();
            } catch (IOException | RuntimeException e) {
                // an unreadable disk is not taken for a full one: the database's own errors will tell
                LOG.log(Level.WARNING, "cannot read the free space of the data folder's disk", e);
            }
            lastReadAt = now;
            everRead = true;
        }
        return lastFree;
    }

    public long minFreeBytes() {
        return minFreeBytes;
    }

    public State state() {
        long free = freeBytes();
        return free < minFreeBytes ? State.FULL : free < warnFreeBytes ? State.LOW : State.OK;
    }

    /** Whether writes are to be refused now. */
    public boolean refusesWrites() {
        return state() == State.FULL;
    }
}
