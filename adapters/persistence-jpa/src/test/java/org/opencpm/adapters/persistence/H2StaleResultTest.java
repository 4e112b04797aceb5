package org.opencpm.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query asked again with the same parameters sees what was committed since it was last asked.
 * H2 by default answers a repeated query from its previous result when no table it reads carries
 * a newer modification mark; but a commit racing the first ask can leave the mark behind the rows
 * it makes visible, and such a row was then missed by every ask until some other write: a follower polling the change log past its last number stopped one
 * short of the end ({@code FollowCommitsContract}), and any poll (the outbox, a lookup by key) could
 * do the same. {@link DatabaseSettings#EMBEDDED_H2_OPTIONS} turns that reuse off (and {@link
 * DatabaseKind#driverUrl} on any other H2 URL).
 */
class H2StaleResultTest {

    /**
     * A writer commits one row at a time while a reader asks for the rows past the last one it saw,
     * over and over; once a commit has returned, the next ask must see its row. The race is between
     * H2's commit and a query running during it, so it is run many times: with the reuse on, it
     * missed a row within the first few commits here (checked); with it off, none of 2,000.
     */
    @Test
    void a_row_whose_commit_has_returned_is_seen_by_the_next_ask_of_the_same_query(@TempDir Path dataDir) throws Exception {
        String url = DatabaseSettings.embeddedH2(dataDir).url();
        try (Connection writer = DriverManager.getConnection(url, "sa", "");
                Connection reader = DriverManager.getConnection(url, "sa", "")) {
            try (Statement ddl = writer.createStatement()) {
                ddl.execute("CREATE TABLE change_log (seq BIGINT PRIMARY KEY)");
            }
            writer.setAutoCommit(false);
            AtomicLong committed = new AtomicLong();
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                try (PreparedStatement insert = writer.prepareStatement("INSERT INTO change_log VALUES (?)")) {
                    for (long seq = 1; seq <= COMMITS && committed.get() != STOP; seq++) {
                        insert.setLong(1, seq);
                        insert.executeUpdate();
                        writer.commit();
                        committed.set(seq);
                        while (committed.get() == seq) {
                            Thread.onSpinWait(); // the reader has not checked this one yet
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, runnable -> Thread.ofPlatform().start(runnable));
            try {
                for (long seq = 1; seq <= COMMITS; seq++) {
                    while (committed.get() < seq) {
                        if (writing.isDone()) {
                            writing.join(); // the writer failed: its failure is the test's
                        }
                        lastAfter(reader, seq - 1); // asked during the commit
                    }
                    assertThat(lastAfter(reader, seq - 1)).as("asked after commit %d returned", seq).isEqualTo(seq);
                    committed.set(-seq); // the writer goes on
                }
            } finally {
                committed.set(STOP);
                writing.get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static final int COMMITS = 2_000;
    private static final long STOP = Long.MIN_VALUE;

    /** The highest number past {@code seq}, or {@code seq} when there is none. */
    private static long lastAfter(Connection reader, long seq) throws Exception {
        try (PreparedStatement query = reader.prepareStatement("SELECT seq FROM change_log WHERE seq > ? ORDER BY seq")) {
            query.setLong(1, seq);
            long last = seq;
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    last = result.getLong(1);
                }
            }
            return last;
        }
    }
}
