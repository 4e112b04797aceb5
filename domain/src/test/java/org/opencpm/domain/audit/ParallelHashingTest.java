package org.opencpm.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hashing on several threads reaches the verdict one thread reaches: same first broken seq, same reason. */
class ParallelHashingTest {

    private static final List<AuditEvent> CHAIN = AuditChainTest.chainOf(5 * ParallelHashing.BATCH + 17);

    private static VerificationResult onThreads(List<AuditEvent> chain, int threads) {
        AuditChainVerifier verifier = new AuditChainVerifier();
        ParallelHashing.feed(chain.iterator(), threads, verifier::accept);
        return verifier.result();
    }

    @Test
    void an_untouched_chain_of_several_batches_verifies_on_several_threads() {
        VerificationResult result = onThreads(CHAIN, 3);
        assertThat(result.valid()).isTrue();
        assertThat(result.events()).isEqualTo(CHAIN.size());
        assertThat(result.lastHash()).contains(CHAIN.get(CHAIN.size() - 1).hash());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, ParallelHashing.BATCH - 1, ParallelHashing.BATCH, 3 * ParallelHashing.BATCH + 5, 5 * ParallelHashing.BATCH + 16})
    void a_changed_event_is_found_where_one_thread_finds_it(int where) {
        List<AuditEvent> chain = new ArrayList<>(CHAIN);
        AuditEvent e = chain.get(where);
        chain.set(where, new AuditEvent(e.seq(), e.eventId(), e.type(), e.subjectId(), e.purpose(), "withdrawn".equals(e.state())
                ? "granted" : "withdrawn", e.occurredAt(), e.recordedAt(), e.actor(), e.channel(), e.noticeCode(), e.noticeVersion(),
                e.details(), e.prevHash(), e.hash()));
        VerificationResult parallel = onThreads(chain, 2);
        assertThat(parallel.valid()).isFalse();
        assertThat(parallel.brokenAt()).contains((long) where + 1);
        assertThat(parallel).isEqualTo(onThreads(chain, 1)).isEqualTo(AuditChainVerifier.verify(chain));
    }

    @Test
    void a_deleted_event_is_found_where_one_thread_finds_it() {
        List<AuditEvent> chain = new ArrayList<>(CHAIN);
        chain.remove(2 * ParallelHashing.BATCH + 3);
        assertThat(onThreads(chain, 4)).isEqualTo(AuditChainVerifier.verify(chain))
                .satisfies(r -> assertThat(r.brokenAt()).contains(2L * ParallelHashing.BATCH + 5));
    }
}
