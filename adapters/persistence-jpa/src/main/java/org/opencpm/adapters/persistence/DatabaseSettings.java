package org.opencpm.adapters.persistence;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the database is and how many connections OpenCPM may hold: a JDBC URL of H2
 * ({@code jdbc:h2:}), PostgreSQL ({@code jdbc:postgresql:}) or MariaDB/MySQL ({@code jdbc:mariadb:},
 * {@code jdbc:mysql:}), the account, and the pool size. The password never appears in
 * {@link #toString()}.
 *
 * @param user        may be empty for a local H2 file
 * @param password    may be empty
 * @param maxPoolSize the most connections held at once; at least 2 (the decision log's writer
 *                    takes one now and then)
 */
public record DatabaseSettings(String url, String user, String password, int maxPoolSize) {

    /**
     * What the embedded H2 URL ends with, and why:
     * <ul>
     *   <li>{@code WRITE_DELAY=0}: H2 writes every committing transaction to the database file
     *       before the commit returns (the default, 500 ms, writes committed changes later, in the
     *       background, so a process killed in between loses them);</li>
     *   <li>{@code LOCK_TIMEOUT=10000}: a writer waits up to 10 s for a row another transaction
     *       locked (the audit head, a subject) instead of H2's 2 s, so a burst of writers queues up
     *       rather than failing;</li>
     *   <li>{@code DB_CLOSE_ON_EXIT=FALSE}: H2 does not close the database in its own shutdown hook
     *       while OpenCPM may still be writing; {@link JpaPersistence#close()} closes it;</li>
     *   <li>{@code QUERY_CACHE_SIZE=64}: each connection keeps the parsed form of 64 statements
     *       instead of 8, as a consent event runs more than 8 different ones and H2 would otherwise
     *       parse them again every time;</li>
     *   <li>{@code MAX_LENGTH_INPLACE_LOB=4096}: a long-text ({@code CLOB}) value of up to 4 KB — an
     *       audit event's details with sealed evidence, an outbox change's preferences, an
     *       idempotency key's receipts — is kept in its row instead of H2's separate LOB storage
     *       (256 bytes by default), which costs each such value three more B-tree entries to write
     *       (ADR 0017);</li>
     *   <li>{@code COMPRESS=TRUE} (added after these options unless the operator turns it off,
     *       {@link #embeddedH2(Path, boolean)}): H2 compresses each page it writes (LZF, fast; a page that does not
     *       shrink is stored as it is). The rows of a consent event are hex hashes, codes, JSON and
     *       instants, which compress well: the pages of a bulk import take ~37 % less (1,494 to 934
     *       bytes an event; benchmarks/README.md, P11), and every commit writes that much less, so the
     *       garbage the housekeeping must reclaim shrinks with it. Pages written before the setting
     *       are read as they are; it needs no migration (ADR 0025).</li>
     *   <li>{@code OPTIMIZE_REUSE_RESULTS=FALSE}: every query is run, never answered from the same
     *       statement's previous result. H2 reuses that result while no table it reads has a newer
     *       modification mark, but a commit racing the query can leave the mark behind the rows it
     *       makes visible: the row is then missed by the same query asked again after the commit
     *       returned, until the next write (a follower of the change log stopped one short of the
     *       end; {@code H2StaleResultTest} saw it within a few commits).</li>
     * </ul>
     */
    public static final String EMBEDDED_H2_OPTIONS = ";WRITE_DELAY=0;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64"
            + ";MAX_LENGTH_INPLACE_LOB=4096;OPTIMIZE_REUSE_RESULTS=FALSE";

    /**
     * H2's file system for the embedded database: {@code async:} reads and writes the file
     * through an {@code AsynchronousFileChannel} and waits for each operation without being
     * interruptible. With H2's default ({@code FileChannel}), a thread interrupted during a
     * database write closes the channel, and with it the whole database, until a restart.
     * The file is the same {@code opencpm.mv.db} either way.
     */
    public static final String EMBEDDED_H2_FILE_SYSTEM = "async:";

    /** Connections of the default embedded database. */
    public static final int EMBEDDED_POOL_SIZE = 10;

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        if (url.isBlank()) {
            throw new IllegalArgumentException("the JDBC URL is empty");
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        if (maxPoolSize < 2) {
            throw new IllegalArgumentException("maxPoolSize must be at least 2, was " + maxPoolSize);
        }
    }

    /**
     * The default embedded database: an H2 file {@code dataDir/db/opencpm.mv.db}, opened so that
     * every acknowledged transaction survives the process being killed ({@link #EMBEDDED_H2_OPTIONS})
     * and that no thread interrupt can close it ({@link #EMBEDDED_H2_FILE_SYSTEM}).
     */
    public static DatabaseSettings embeddedH2(Path dataDir) {
        return embeddedH2(dataDir, true);
    }

    /**
     * The embedded database, its pages compressed or not: compression takes a quarter to a third
     * fewer bytes on disk and costs about 30 % of the write rate (ADR 0025, benchmarks/README.md P5 and
     * P11). Either way H2 reads the pages already written as they are, so an operator may switch
     * ({@code H2CompressionSwitchTest}).
     */
    public static DatabaseSettings embeddedH2(Path dataDir, boolean compressPages) {
        return new DatabaseSettings(embeddedH2Url(dataDir, compressPages), "sa", "", EMBEDDED_POOL_SIZE);
    }

    /** {@code jdbc:h2:file:async:<dataDir>/db/opencpm} followed by {@link #EMBEDDED_H2_OPTIONS} and {@code COMPRESS=TRUE}. */
    public static String embeddedH2Url(Path dataDir) {
        return embeddedH2Url(dataDir, true);
    }

    private static String embeddedH2Url(Path dataDir, boolean compressPages) {
        Path file = dataDir.toAbsolutePath().normalize().resolve("db").resolve("opencpm");
        return "jdbc:h2:file:" + EMBEDDED_H2_FILE_SYSTEM + file.toString().replace('\\', '/') + EMBEDDED_H2_OPTIONS
                + ";COMPRESS=" + (compressPages ? "TRUE" : "FALSE");
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + url + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "****")
                + ", maxPoolSize=" + maxPoolSize + "]";
    }
}
