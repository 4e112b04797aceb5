package org.opencpm.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * P11's baseline: the database alone taking the rows a bulk import of {@code events} new people
 * writes — per event a subject, an identifier, a consent, an audit event and an outbox change, of
 * about the sizes OpenCPM writes — as raw JDBC batched {@code INSERT}s, {@code batch} events a
 * transaction, {@code writers} connections at once. No HTTP, no JSON, no rules, no hashing, no
 * encryption, no chain: the floor under {@link ImportBench}.
 *
 * <pre>java -cp … org.opencpm.benchmarks.ImportBaseline JDBC_URL USER PASSWORD [events=1000000] [batch=1000] [writers=2]</pre>
 */
public final class ImportBaseline {

    private ImportBaseline() {
    }

    private static final String[] TABLES = {
        "CREATE TABLE bench_subject (id VARCHAR(64) PRIMARY KEY, version BIGINT NOT NULL, registered_at BIGINT NOT NULL, data_key VARCHAR(200))",
        "CREATE TABLE bench_identifier (hash VARCHAR(64) PRIMARY KEY, subject_id VARCHAR(64) NOT NULL, type VARCHAR(32) NOT NULL,"
            + " sealed VARCHAR(512) NOT NULL)",
        "CREATE TABLE bench_consent (subject_id VARCHAR(64) NOT NULL, purpose VARCHAR(64) NOT NULL, state VARCHAR(16) NOT NULL,"
            + " version BIGINT NOT NULL, changed_at BIGINT NOT NULL, notice_code VARCHAR(64), notice_hash VARCHAR(64),"
            + " PRIMARY KEY (subject_id, purpose))",
        "CREATE TABLE bench_audit (seq BIGINT PRIMARY KEY, event_id VARCHAR(64) NOT NULL UNIQUE, subject_id VARCHAR(64),"
            + " recorded_at BIGINT NOT NULL, details VARCHAR(4000) NOT NULL, prev_hash VARCHAR(64) NOT NULL, hash VARCHAR(64) NOT NULL)",
        "CREATE INDEX ix_bench_audit_subject ON bench_audit (subject_id, seq)",
        "CREATE TABLE bench_outbox (id BIGINT PRIMARY KEY, subject_id VARCHAR(64) NOT NULL, state VARCHAR(16), version BIGINT NOT NULL,"
            + " audit_event_id VARCHAR(64) NOT NULL, created_at BIGINT NOT NULL)",
    };

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String password = args.length > 2 ? args[2] : "";
        int events = args.length > 3 ? Integer.parseInt(args[3]) : 1_000_000;
        int batch = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
        int writers = args.length > 5 ? Integer.parseInt(args[5]) : 2;
        try (Connection setup = DriverManager.getConnection(url, user, password); Statement s = setup.createStatement()) {
            for (String ddl : TABLES) {
                s.execute(ddl);
            }
        }
        String hash = "a".repeat(64);
        String sealed = "b".repeat(120);
        String details = "{\"action\":\"grant\",\"method\":\"checkbox\",\"sealed\":\"" + "c".repeat(200) + "\",\"version\":\"1\"}";
        int batches = (events + batch - 1) / batch;
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                all.add(pool.submit(() -> {
                    try (Connection c = DriverManager.getConnection(url, user, password)) {
                        c.setAutoCommit(false);
                        try (PreparedStatement subject = c.prepareStatement("INSERT INTO bench_subject VALUES (?, 1, ?, ?)");
                             PreparedStatement identifier = c.prepareStatement("INSERT INTO bench_identifier VALUES (?, ?, 'phone', ?)");
                             PreparedStatement consent = c.prepareStatement(
                                     "INSERT INTO bench_consent VALUES (?, 'bench-marketing', 'granted', 1, ?, 'bench-policy', ?)");
                             PreparedStatement audit = c.prepareStatement("INSERT INTO bench_audit VALUES (?, ?, ?, ?, ?, ?, ?)");
                             PreparedStatement outbox = c.prepareStatement("INSERT INTO bench_outbox VALUES (?, ?, 'granted', 1, ?, ?)")) {
                            for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                                for (long e = (long) b * batch; e < Math.min(events, (long) (b + 1) * batch); e++) {
                                    String id = "sub_" + UUID.randomUUID().toString().replace("-", "");
                                    String eventId = UUID.randomUUID().toString();
                                    long now = System.currentTimeMillis();
                                    subject.setString(1, id);
                                    subject.setLong(2, now);
                                    subject.setString(3, sealed);
                                    subject.addBatch();
                                    identifier.setString(1, String.format("%064x", e));
                                    identifier.setString(2, id);
                                    identifier.setString(3, sealed);
                                    identifier.addBatch();
                                    consent.setString(1, id);
                                    consent.setLong(2, now);
                                    consent.setString(3, hash);
                                    consent.addBatch();
                                    audit.setLong(1, e + 1);
                                    audit.setString(2, eventId);
                                    audit.setString(3, id);
                                    audit.setLong(4, now);
                                    audit.setString(5, details);
                                    audit.setString(6, hash);
                                    audit.setString(7, hash);
                                    audit.addBatch();
                                    outbox.setLong(1, e + 1);
                                    outbox.setString(2, id);
                                    outbox.setString(3, eventId);
                                    outbox.setLong(4, now);
                                    outbox.addBatch();
                                }
                                for (PreparedStatement statement : List.of(subject, identifier, consent, audit, outbox)) {
                                    statement.executeBatch();
                                }
                                c.commit();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> writer : all) {
                writer.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("-- baseline: %,d events' rows (5 a event) as raw batched INSERTs, %d events a commit, %d writers, in %.1f s:"
                + " %,.0f events/s%n", events, batch, writers, seconds, events / seconds);
    }
}
