package org.opencpm.benchmarks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import java.util.stream.Stream;
import org.opencpm.adapters.persistence.DatabaseSettings;
import org.opencpm.adapters.persistence.JpaPersistence;
import org.opencpm.domain.audit.AuditChainVerifier;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.ParallelHashing;

/**
 * P8 profile: where the time of a verify goes on the embedded database, without HTTP — the raw JDBC
 * read of every audit row (the database's own floor), the adapter's event stream alone, and the
 * stream verified with the hashing on every core. Seeds the chain with {@link AuditSeed} first when
 * the data folder holds fewer events.
 *
 * <pre>java -cp … org.opencpm.benchmarks.AuditReadBench &lt;data-dir&gt; [events, default 1000000] [rounds, default 3]</pre>
 */
public final class AuditReadBench {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        try (JpaPersistence persistence = JpaPersistence.start(new DatabaseSettings(DatabaseSettings.embeddedH2Url(dir)
                .replace(System.getProperty("h2.without", "\u0000"), "") + System.getProperty("h2.extra", ""), "sa", "", DatabaseSettings.EMBEDDED_POOL_SIZE))) {
            run(persistence, dir, n, rounds);
        }
    }

    private static void run(JpaPersistence persistence, Path dir, int n, int rounds) throws Exception {
        long have = persistence.audit().head().map(h -> h.seq()).orElse(0L);
        if (have < n) {
            AuditSeed.main(new String[] {dir.toString(), Long.toString(n - have)});
        }
        int threads = Runtime.getRuntime().availableProcessors();
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            long rows = 0;
            long chars = 0;
            try (Connection c = persistence.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.setFetchSize(1000);
                try (ResultSet rs = s.executeQuery("SELECT * FROM audit_event ORDER BY seq")) {
                    while (rs.next()) {
                        rows++;
                        chars += rs.getString("details").length() + rs.getString("hash").length();
                    }
                }
            }
            report("baseline: JDBC SELECT * ORDER BY seq", rows, System.nanoTime() - start);
            start = System.nanoTime();
            rows = 0;
            try (Connection c = persistence.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.setFetchSize(1000);
                try (ResultSet rs = s.executeQuery("SELECT seq, event_id, subject_id, prev_hash, hash FROM audit_event ORDER BY seq")) {
                    while (rs.next()) {
                        rows++;
                        chars += rs.getString(5).length();
                    }
                }
            }
            report("profile: the same without details", rows, System.nanoTime() - start);
            start = System.nanoTime();
            long streamed;
            try (Stream<AuditEvent> events = persistence.audit().events(Optional.empty(), Optional.empty())) {
                streamed = events.count();
            }
            report("adapter stream (JpaAuditTrail.events)", streamed, System.nanoTime() - start);
            start = System.nanoTime();
            AuditChainVerifier verifier = new AuditChainVerifier();
            try (Stream<AuditEvent> events = persistence.audit().events(Optional.empty(), Optional.empty())) {
                ParallelHashing.feed(events.iterator(), threads, verifier::accept);
            }
            if (!verifier.result().valid()) {
                throw new IllegalStateException(verifier.result().toString());
            }
            report("stream + verify, hashing on " + threads + " threads", verifier.result().events(), System.nanoTime() - start);
            if (chars == 42) {
                System.out.print("");
            }
        }
    }

    private static void report(String what, long events, long nanos) {
        System.out.printf("%-46s %,9d events/s (%,d events, %.2f s)%n", what, (long) (events / (nanos / 1e9)), events, nanos / 1e9);
    }
}
