package org.opencpm.benchmarks;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.opencpm.adapters.persistence.DatabaseSettings;
import org.opencpm.domain.audit.AuditChain;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditHead;

/**
 * P8 set-up: appends {@code events} consent events, shaped like production ones (sealed details, 683
 * canonical bytes on average), to the audit chain of a stopped OpenCPM's database — continuing from
 * its stored head, each sealed with {@link AuditChain} as the server would — in JDBC batches, and moves
 * the head. A million events through HTTP would take the better part of an hour at the grant rate;
 * this writes the same rows in a minute, so that verify and export can be timed on a real database.
 *
 * <pre>java -cp … org.opencpm.benchmarks.AuditSeed &lt;data-dir | jdbc-url&gt; [user] [password] &lt;events&gt;</pre>
 */
public final class AuditSeed {

    public static void main(String[] args) throws Exception {
        String url = args[0].startsWith("jdbc:") ? args[0] : DatabaseSettings.embeddedH2Url(Path.of(args[0]));
        String user = args.length > 2 ? args[1] : "sa";
        String password = args.length > 3 ? args[2] : "";
        int n = Integer.parseInt(args[args.length - 1]);
        try (Connection db = DriverManager.getConnection(url, user, password)) {
            db.setAutoCommit(false);
            Optional<AuditHead> head;
            try (Statement read = db.createStatement(); ResultSet row = read.executeQuery("SELECT seq, hash FROM audit_head WHERE id = 1")) {
                row.next();
                head = row.getLong(1) == 0 ? Optional.empty() : Optional.of(new AuditHead(row.getLong(1), row.getString(2)));
            }
            Instant t = Instant.now().minusSeconds(3600);
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO audit_event (seq, event_id, type, subject_id, purpose, state,"
                    + " occurred_at, recorded_at, actor, channel, notice_code, notice_version, details, prev_hash, hash)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 1; i <= n; i++) {
                    Instant at = t.plusMillis(i);
                    AuditEvent e = AuditChain.append(BenchEvents.consent(i, at, "bench-marketing", "key:bench", "web", "bench-policy",
                            "1"), head);
                    head = Optional.of(AuditHead.of(e));
                    insert.setLong(1, e.seq());
                    insert.setString(2, e.eventId());
                    insert.setString(3, e.type().code());
                    insert.setString(4, e.subjectId());
                    insert.setString(5, e.purpose());
                    insert.setString(6, e.state());
                    insert.setLong(7, e.occurredAt().toEpochMilli());
                    insert.setLong(8, e.recordedAt().toEpochMilli());
                    insert.setString(9, e.actor());
                    insert.setString(10, e.channel());
                    insert.setString(11, e.noticeCode());
                    insert.setString(12, e.noticeVersion());
                    JsonObjectBuilder json = Json.createObjectBuilder();
                    new TreeMap<>(e.details()).forEach(json::add);
                    insert.setString(13, json.build().toString());
                    insert.setString(14, e.prevHash());
                    insert.setString(15, e.hash());
                    insert.addBatch();
                    if (i % 1000 == 0 || i == n) {
                        insert.executeBatch();
                    }
                    if (i % 50_000 == 0 || i == n) {
                        try (PreparedStatement move = db.prepareStatement("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")) {
                            move.setLong(1, e.seq());
                            move.setString(2, e.hash());
                            move.executeUpdate();
                        }
                        db.commit();
                    }
                }
            }
            System.out.printf("appended %,d events; head %d %s%n", n, head.orElseThrow().seq(), head.orElseThrow().hash());
        }
    }
}
