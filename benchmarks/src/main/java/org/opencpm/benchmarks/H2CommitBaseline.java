package org.opencpm.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The baseline beside P5: how many durable single-row commits per second embedded H2 itself
 * takes on this machine, with the same URL options as OpenCPM's embedded database
 * ({@code WRITE_DELAY=0}) and the same number of concurrent writers — no HTTP, no JSON, no rules,
 * no audit chain. OpenCPM's grant rate is read against it.
 *
 * <pre>java -cp … org.opencpm.benchmarks.H2CommitBaseline [threads=32] [seconds=10]</pre>
 */
public final class H2CommitBaseline {

    private H2CommitBaseline() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path dir = Files.createTempDirectory("h2-baseline");
        String url = "jdbc:h2:file:" + dir.resolve("baseline") + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE";
        try (Connection setup = DriverManager.getConnection(url); Statement s = setup.createStatement()) {
            s.execute("CREATE TABLE consent(id BIGINT PRIMARY KEY, subject VARCHAR(64), purpose VARCHAR(64), state VARCHAR(16), at BIGINT)");
        }
        AtomicLong ids = new AtomicLong();
        LongAdder commits = new LongAdder();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread.ofPlatform().start(() -> {
                try (Connection c = DriverManager.getConnection(url)) {
                    c.setAutoCommit(false);
                    try (PreparedStatement insert = c.prepareStatement("INSERT INTO consent VALUES (?, ?, ?, ?, ?)")) {
                        while (System.nanoTime() < end) {
                            long id = ids.incrementAndGet();
                            insert.setLong(1, id);
                            insert.setString(2, "sub_" + id);
                            insert.setString(3, "marketing-sms");
                            insert.setString(4, "granted");
                            insert.setLong(5, System.currentTimeMillis());
                            insert.executeUpdate();
                            c.commit();
                            commits.increment();
                        }
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        System.out.printf("H2 baseline: threads=%d seconds=%d commits=%d throughput=%.0f commits/s%n",
                threads, seconds, commits.sum(), commits.sum() / (double) seconds);
    }
}
