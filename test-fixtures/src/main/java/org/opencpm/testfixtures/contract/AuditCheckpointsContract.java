package org.opencpm.testfixtures.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.out.AuditCheckpoints;
import org.opencpm.application.port.out.ConcurrencyConflictException;
import org.opencpm.domain.audit.Checkpoint;
import org.opencpm.domain.audit.CheckpointHead;
import org.opencpm.domain.audit.CheckpointKey;
import org.opencpm.domain.audit.CheckpointSignatures;

/**
 * What every {@link AuditCheckpoints} must do: give a checkpoint back exactly as signed (so its
 * signature still verifies), in number order; refuse a second checkpoint with a taken number; keep
 * each key once. Run on the in-memory store and on H2, PostgreSQL and MariaDB
 * ({@code JpaAuditCheckpointsContract}). The store may hold other tests' checkpoints.
 */
public abstract class AuditCheckpointsContract {

    private static final KeyPair KEY = CheckpointSignatures.generate();

    protected abstract AuditCheckpoints store();

    private static Checkpoint signed(long number, long seq, Instant at) {
        List<CheckpointHead> heads = List.of(new CheckpointHead(CheckpointHead.MAIN, seq, "ab".repeat(32)));
        String keyId = CheckpointSignatures.keyId(KEY.getPublic());
        return new Checkpoint(number, heads, at, keyId, CheckpointSignatures.sign(KEY.getPrivate(),
                Checkpoint.statement(number, heads, at, keyId)));
    }

    @Test
    void checkpoints_read_back_as_signed_in_number_order_and_a_taken_number_is_refused() {
        long next = store().latest().map(Checkpoint::number).orElse(0L) + 1;
        Checkpoint first = signed(next, 10, Instant.parse("2026-12-01T00:00:00.123Z"));
        Checkpoint second = signed(next + 1, 12, Instant.parse("2026-12-01T00:05:00Z"));

        store().add(first);
        store().add(second);

        assertThat(store().latest()).contains(second);
        assertThat(store().all()).endsWith(first, second);
        assertThat(CheckpointSignatures.verifies(store().latest().orElseThrow(), KEY.getPublic())).isTrue();
        assertThatThrownBy(() -> store().add(signed(next + 1, 13, Instant.parse("2026-12-01T00:06:00Z"))))
                .isInstanceOf(ConcurrencyConflictException.class);
        assertThat(store().latest()).contains(second);
    }

    @Test
    void a_checkpoint_is_found_by_its_number() {
        long next = store().latest().map(Checkpoint::number).orElse(0L) + 1;
        Checkpoint first = signed(next, 20, Instant.parse("2026-12-02T00:00:00Z"));
        Checkpoint second = signed(next + 1, 25, Instant.parse("2026-12-02T00:05:00Z"));
        store().add(first);
        store().add(second);

        assertThat(store().find(next)).contains(first);
        assertThat(store().find(next + 1)).contains(second);
        assertThat(store().find(next + 2)).isEmpty();
        assertThat(store().find(0)).isEmpty();
    }

    @Test
    void a_key_is_kept_once_as_first_recorded() {
        KeyPair key = CheckpointSignatures.generate();
        String id = CheckpointSignatures.keyId(key.getPublic());
        CheckpointKey recorded = new CheckpointKey(id, "Ed25519", CheckpointSignatures.publicPem(key.getPublic()),
                Instant.parse("2026-12-01T00:00:00Z"));

        store().addKey(recorded);
        store().addKey(new CheckpointKey(id, "Ed25519", recorded.publicKeyPem(), Instant.parse("2027-01-01T00:00:00Z")));

        assertThat(store().keys()).filteredOn(k -> k.keyId().equals(id)).containsExactly(recorded);
    }
}
