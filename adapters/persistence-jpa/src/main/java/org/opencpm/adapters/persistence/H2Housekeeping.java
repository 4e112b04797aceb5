package org.opencpm.adapters.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;

/**
 * Keeps the embedded H2 file as small as the data in it, while OpenCPM runs and when it stops.
 *
 * <p>Why it is needed: H2's MVStore never changes a written block; every commit appends a new
 * chunk holding every page the commit changed, and the older copies of those pages turn into
 * garbage inside older chunks. H2 reclaims that garbage in its background writer thread, which
 * rewrites the live pages of sparse chunks so that whole chunks fall empty and their space is
 * reused. That thread exists only when commits are written late ({@code WRITE_DELAY > 0}); with
 * {@code WRITE_DELAY=0}, which OpenCPM needs so that every acknowledged commit survives a
 * {@code kill -9}, there is no such thread, sparse chunks are never rewritten, and the file grew by
 * ~11 KB per consent event (70 KB through {@code consents:batch}) without bound. Worse, a chunk
 * falls free only {@code RETENTION_TIME} (45 s) after it was written, so at 1,000 events/s some
 * 500 MB of garbage sat in the file at any time.
 *
 * <p>What it does instead, on a thread of its own, every {@link #INTERVAL_MS} ms:
 * <ol>
 *   <li>forces the file to disk ({@code fsync}), so that every chunk written so far is durable
 *       and the chunks it replaced may be overwritten: this is what makes the short
 *       {@link #RETENTION_MS} safe (H2's own 45 s stand for "the operating system will have
 *       written it by then");</li>
 *   <li>when the live share of the chunks is below {@link #TARGET_FILL_RATE} %, has the live
 *       pages of the sparsest chunks rewritten (at most {@link #REWRITE_BYTES} a round, so the
 *       commits it shares the store with barely wait) and committed;</li>
 *   <li>when the file has more free space than {@link #FILE_FILL_RATE} % allows, moves chunks
 *       from its end into the gaps and shortens it.</li>
 * </ol>
 * On {@link #close()} it compacts the file fully (within {@link #CLOSE_COMPACT_MS}), so a stopped
 * OpenCPM leaves a file about the size of its data. None of this changes what a commit is: it is
 * written before it is acknowledged, as before.
 *
 * <p>It works on H2's store API ({@code org.h2.mvstore}), the same calls H2's background writer
 * makes, through the session of one pool connection; for a database that is not an H2 file it is
 * never created.
 */
final class H2Housekeeping implements AutoCloseable {

    /**
     * Idle rounds in a row (more than {@link #RETENTION_MS}) after which rewriting stops until the
     * next commit when it no longer raises the chunks' fill rate: rewriting pages also makes
     * garbage of the pages above them, so past a point it only churns the disk.
     */
    static final int IDLE_ROUNDS_WITHOUT_GAIN = 10;
    /** How often the file is forced to disk and compacted a little. */
    static final long INTERVAL_MS = 200;
    /** How long a written chunk is kept before its space may be reused: several {@link #INTERVAL_MS}. */
    static final int RETENTION_MS = 1_000;
    /** Rewrite the sparsest chunks while less than this share (%) of the chunks' bytes is live. */
    static final int TARGET_FILL_RATE = 80;
    /**
     * Live bytes rewritten at most per round while commits are coming in: they wait for the store
     * meanwhile. Kept small: with 2 MB (and 8 MB of moves) per round the group-commit writer spent
     * so long waiting that P5 lost ~10 % (benchmarks/README.md, 2026-12-03); the file catches up
     * once the load pauses, with the idle budgets.
     */
    static final int BUSY_REWRITE_BYTES = 256 * 1024;
    /** Live bytes rewritten at most per round when nothing was committed since the last round. */
    static final int IDLE_REWRITE_BYTES = 16 * 1024 * 1024;
    /** Move chunks to shorten the file when less than this share (%) of it is in use. */
    static final int FILE_FILL_RATE = 80;
    /** Bytes moved at most per round while commits are coming in (small, for the same reason). */
    static final long BUSY_MOVE_BYTES = 1024 * 1024;
    /** Bytes moved at most per round when nothing was committed since the last round. */
    static final long IDLE_MOVE_BYTES = 64L * 1024 * 1024;
    /**
     * The longest compaction on close: well inside the 30 s {@code bin/opencpm stop} (and most
     * supervisors) wait before they kill the process.
     */
    static final int CLOSE_COMPACT_MS = 10_000;

    private static final Logger LOG = Logger.getLogger(H2Housekeeping.class.getName());

    private final MVStore store;
    private final Thread thread;
    private volatile boolean closing;
    /** The store's version after the last round: unchanged means nothing was committed since. */
    private long versionAfterLastRound = -1;
    /**
     * The best chunk fill rate an idle round's rewrite has reached since the database went idle
     * (-1 before the first), and the idle rounds since one last raised it.
     */
    private int bestIdleFillRate;
    private int idleRoundsWithoutGain;

    private H2Housekeeping(MVStore store) {
        this.store = store;
        store.setRetentionTime(RETENTION_MS);
        this.thread = Thread.ofPlatform().name("opencpm-h2-housekeeping").daemon(true).unstarted(this::runUntilClosed);
        this.thread.start();
    }

    /**
     * Starts housekeeping for the H2 file behind {@code dataSource}; empty when the database is
     * not an H2 file (an in-memory H2, or another product).
     */
    static Optional<H2Housekeeping> start(DataSource dataSource) {
        return storeOf(dataSource).map(H2Housekeeping::new);
    }

    /** The MVStore of the embedded database behind {@code dataSource}, when it is an H2 file. */
    static Optional<MVStore> storeOf(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isWrapperFor(JdbcConnection.class)) {
                return Optional.empty();
            }
            if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
                return Optional.empty(); // a client of an H2 server: its file is the server's business
            }
            MVStore store = session.getDatabase().getStore().getMvStore();
            return store.getFileStore() == null ? Optional.empty() : Optional.of(store);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the H2 store", e);
        }
    }

    private void runUntilClosed() {
        while (!closing) {
            try {
                TimeUnit.MILLISECONDS.sleep(INTERVAL_MS);
                if (!closing && !store.isClosed()) {
                    tidy();
                }
            } catch (InterruptedException e) {
                // nobody is to interrupt this thread; close() sets `closing`
            } catch (RuntimeException failure) {
                if (!store.isClosed()) {
                    LOG.log(Level.WARNING, "H2 housekeeping failed; will try again", failure);
                }
            }
        }
    }

    /**
     * One round: sync, rewrite sparse chunks, shorten the file; more of it when the database is
     * idle. The chunks' fill rate walks every chunk, and {@link MVStore#compact} measures it itself
     * before it rewrites anything (and does nothing at or above the target): this measures it only
     * after an idle round's rewrite, to tell whether the rewrite raised it.
     */
    private void tidy() {
        boolean idle = store.getCurrentVersion() == versionAfterLastRound;
        FileStore<?> file = store.getFileStore();
        file.sync();
        if (!idle) {
            // commits came in: whether rewriting pays is judged afresh once they stop
            bestIdleFillRate = -1;
            idleRoundsWithoutGain = 0;
            rewrite(BUSY_REWRITE_BYTES);
        } else if (idleRoundsWithoutGain < IDLE_ROUNDS_WITHOUT_GAIN) {
            int fillRate = rewrite(IDLE_REWRITE_BYTES) ? file.getChunksFillRate() : -1;
            if (fillRate > bestIdleFillRate) {
                bestIdleFillRate = fillRate;
                idleRoundsWithoutGain = 0;
            } else {
                idleRoundsWithoutGain++;
            }
        }
        if (file instanceof RandomAccessStore randomAccess && file.getFillRate() < FILE_FILL_RATE) {
            randomAccess.compactMoveChunks(FILE_FILL_RATE, idle ? IDLE_MOVE_BYTES : BUSY_MOVE_BYTES, store);
        }
        versionAfterLastRound = store.getCurrentVersion();
    }

    /** Rewrites up to {@code bytes} of the sparsest chunks' live pages while the chunks are below the target; whether it did. */
    private boolean rewrite(int bytes) {
        if (store.compact(TARGET_FILL_RATE, bytes)) {
            store.commit();
            return true;
        }
        return false;
    }

    /**
     * Stops the thread, then compacts the file as far as {@link #CLOSE_COMPACT_MS} allows: sparse
     * chunks rewritten until {@link #TARGET_FILL_RATE} % of the chunks' bytes are live or a round no
     * longer raises that share, chunks moved
     * into the gaps, the file cut after the last. Called before the database closes. (Rewriting
     * further than the running target would append new chunks to a file that is already dense,
     * and make it larger.)
     */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (store.isClosed()) {
            return;
        }
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_COMPACT_MS);
            store.setRetentionTime(0);
            store.commit();
            FileStore<?> file = store.getFileStore();
            int best = -1;
            int roundsWithoutGain = 0;
            while (System.nanoTime() < deadline && roundsWithoutGain < IDLE_ROUNDS_WITHOUT_GAIN && rewrite(IDLE_REWRITE_BYTES)) {
                int after = file.getChunksFillRate();
                // rewriting no longer pays after a few rounds without gain (a small or fresh file can churn
                // without end); not after one: a round moves the whole-percent fill rate of a file of
                // gigabytes only every few rounds, and stopping at the first left a 1M-event import's
                // 6.5 GB as it was (benchmarks/README.md, P11)
                if (after > best) {
                    best = after;
                    roundsWithoutGain = 0;
                } else {
                    roundsWithoutGain++;
                }
            }
            file.sync();
            if (file instanceof RandomAccessStore randomAccess) {
                long before;
                do {
                    before = file.size();
                    randomAccess.compactMoveChunks(100, IDLE_MOVE_BYTES, store);
                } while (file.size() < before && System.nanoTime() < deadline);
            }
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "could not compact the H2 file on close; it stays as it is", failure);
        }
    }
}
