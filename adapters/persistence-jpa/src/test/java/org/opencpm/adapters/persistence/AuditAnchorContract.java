package org.opencpm.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.application.audit.AuditAnchorService;
import org.opencpm.domain.audit.AuditChainVerifier;
import org.opencpm.domain.audit.AuditDraft;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.audit.Checkpoint;
import org.opencpm.domain.audit.VerificationResult;
import org.opencpm.testfixtures.FixedClock;
import org.opencpm.testfixtures.KeyPairCheckpointSigner;

/**
 * PIPL Art. 54–56 on a real database: rows of {@code audit_event}, {@code audit_head} and
 * {@code audit_checkpoint} changed, deleted, inserted or reordered with plain JDBC — behind the
 * application's back, as a DBA could — are reported by verify with the first broken sequence
 * number. Each test saves the three tables, tampers, verifies, and puts them back, so the tests
 * share one database and one chain. Runs on each database through a subclass.
 */
public abstract class AuditAnchorContract extends OnDatabase {

    private static final String[] TABLES = {"audit_event", "audit_head", "audit_checkpoint"};
    private final FixedClock clock = new FixedClock(T0);
    private final KeyPairCheckpointSigner signer = new KeyPairCheckpointSigner();
    private AuditAnchorService anchor;

    @BeforeAll
    void anchor() {
        if (persistence != null) {
            anchor = new AuditAnchorService(persistence.audit(), persistence.checkpoints(), signer, persistence.transactions(), clock);
        }
    }

    /** Appends {@code n} events and returns them. */
    private List<AuditEvent> append(int n) {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clock.advance(java.time.Duration.ofSeconds(1));
            Instant at = clock.now();
            events.add(persistence.transactions().inTransaction(() -> persistence.audit().append(AuditDraft.of(
                    AuditEventType.CONSENT_RECORDED, "sub_" + unique(), "marketing-sms", "granted", at, at, "key:test", "web", null,
                    null, Map.of("action", "grant")))));
        }
        return events;
    }

    private Checkpoint checkpoint() {
        return anchor.checkpoint().orElseThrow();
    }

    @Test
    @DisplayName("Cutting the newest events and setting audit_head back passes the plain chain check, but not a checkpoint")
    void cutting_anchored_newest_events_and_setting_the_head_back_is_caught() {
        List<AuditEvent> events = append(5);
        checkpoint();
        AuditEvent keep = events.get(1);

        tampered(() -> {
            jdbc("DELETE FROM audit_event WHERE seq > ?", keep.seq());
            jdbc("UPDATE audit_head SET seq = ?, hash = ?", keep.seq(), keep.hash());

            // the hole this closes: the links alone still hold
            try (var all = persistence.audit().events(java.util.Optional.empty(), java.util.Optional.empty())) {
                assertThat(AuditChainVerifier.verify(all.toList()).valid()).isTrue();
            }
            VerificationResult result = anchor.verify();
            assertThat(result.valid()).as(result.toString()).isFalse();
            assertThat(result.brokenAt()).contains(keep.seq() + 1);
        });
    }

    @Test
    void events_after_the_last_checkpoint_are_said_to_be_unanchored_and_may_be_cut() {
        append(2);
        Checkpoint anchored = checkpoint();
        List<AuditEvent> later = append(3);

        VerificationResult whole = anchor.verify();
        assertThat(whole.valid()).as(whole.toString()).isTrue();
        assertThat(whole.anchoredThrough()).isEqualTo(anchored.heads().get(0).seq());
        assertThat(whole.note()).hasValueSatisfying(n -> assertThat(n).contains("not yet anchored"));
        tampered(() -> {
            jdbc("DELETE FROM audit_event WHERE seq > ?", later.get(0).seq());
            jdbc("UPDATE audit_head SET seq = ?, hash = ?", later.get(0).seq(), later.get(0).hash());
            assertThat(anchor.verify().valid()).isTrue();
        });
    }

    @Test
    void a_changed_row_is_caught_at_its_seq() {
        List<AuditEvent> events = append(4);
        checkpoint();
        tampered(() -> {
            jdbc("UPDATE audit_event SET state = 'withdrawn' WHERE seq = ?", events.get(2).seq());
            assertThat(anchor.verify().brokenAt()).contains(events.get(2).seq());
        });
    }

    @Test
    void a_deleted_row_is_caught_at_the_next_seq() {
        List<AuditEvent> events = append(4);
        checkpoint();
        tampered(() -> {
            jdbc("DELETE FROM audit_event WHERE seq = ?", events.get(1).seq());
            assertThat(anchor.verify().brokenAt()).contains(events.get(2).seq());
        });
    }

    @Test
    void an_inserted_row_is_caught_where_it_was_put() {
        List<AuditEvent> events = append(4);
        checkpoint();
        long at = events.get(2).seq();
        tampered(() -> {
            // make room after events[1], shifting the rest up by one, and copy events[0] in there
            jdbc("UPDATE audit_event SET seq = seq + 1000000 WHERE seq >= ?", at);
            jdbc("UPDATE audit_event SET seq = seq - 999999 WHERE seq >= ?", at + 1000000);
            jdbc("INSERT INTO audit_event (seq, event_id, type, subject_id, purpose, state, occurred_at, recorded_at, actor, channel,"
                    + " notice_code, notice_version, details, prev_hash, hash) SELECT ?, 'forged', type, subject_id, purpose, state,"
                    + " occurred_at, recorded_at, actor, channel, notice_code, notice_version, details, prev_hash, hash"
                    + " FROM audit_event WHERE seq = ?", at, events.get(0).seq());
            assertThat(anchor.verify().brokenAt()).contains(at);
        });
    }

    @Test
    void two_swapped_rows_are_caught_at_the_first() {
        List<AuditEvent> events = append(4);
        checkpoint();
        long a = events.get(1).seq();
        long b = events.get(2).seq();
        tampered(() -> {
            jdbc("UPDATE audit_event SET seq = -1 WHERE seq = ?", a);
            jdbc("UPDATE audit_event SET seq = ? WHERE seq = ?", a, b);
            jdbc("UPDATE audit_event SET seq = ? WHERE seq = -1", b);
            assertThat(anchor.verify().brokenAt()).contains(a);
        });
    }

    @Test
    void a_checkpoint_moved_to_another_head_or_resigned_by_nobody_is_caught_at_its_head() {
        append(3);
        Checkpoint c = checkpoint();
        long seq = c.heads().get(0).seq();
        tampered(() -> {
            jdbc("UPDATE audit_checkpoint SET heads = ? WHERE number = ?", "main:" + (seq - 1) + ":" + c.heads().get(0).hash(),
                    c.number());
            VerificationResult moved = anchor.verify();
            assertThat(moved.brokenAt()).as(moved.toString()).contains(seq - 1);
        });
        tampered(() -> {
            jdbc("UPDATE audit_checkpoint SET signature = ? WHERE number = ?", "AAAA" + c.signature().substring(4), c.number());
            assertThat(anchor.verify().problem()).hasValueSatisfying(p -> assertThat(p).contains("bad signature"));
        });
        assertThat(anchor.verify().valid()).isTrue();
    }

    /** Saves the audit tables, runs {@code tampering} and its checks, and puts the tables back as they were. */
    private void tampered(Runnable tampering) {
        for (String table : TABLES) {
            jdbc("CREATE TABLE saved_" + table + " AS SELECT * FROM " + table);
        }
        try {
            tampering.run();
        } finally {
            for (String table : TABLES) {
                jdbc("DELETE FROM " + table);
                jdbc("INSERT INTO " + table + " SELECT * FROM saved_" + table);
                jdbc("DROP TABLE saved_" + table);
            }
        }
        VerificationResult restored = anchor.verify();
        assertThat(restored.valid()).as(restored.toString()).isTrue();
    }

    private void jdbc(String sql, Object... parameters) {
        try (Connection connection = persistence.dataSource().getConnection()) {
            connection.setAutoCommit(true);
            if (parameters.length == 0) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(sql);
                }
                return;
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                statement.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
