package org.opencpm.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** PIPL Art. 54–56: each way of tampering with an anchored chain is caught, at the first broken seq. */
class AnchoredChainVerifierTest {

    private static final KeyPair KEY = CheckpointSignatures.generate();
    private static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");

    static Checkpoint checkpoint(long number, AuditEvent head, KeyPair key) {
        List<CheckpointHead> heads = List.of(CheckpointHead.main(AuditHead.of(head)));
        String keyId = CheckpointSignatures.keyId(key.getPublic());
        String signature = CheckpointSignatures.sign(key.getPrivate(), Checkpoint.statement(number, heads, AT, keyId));
        return new Checkpoint(number, heads, AT, keyId, signature);
    }

    private static VerificationResult verify(List<AuditEvent> chain, List<Checkpoint> checkpoints, KeyPair... trusted) {
        AnchoredChainVerifier verifier = new AnchoredChainVerifier(checkpoints,
                java.util.Arrays.stream(trusted).map(KeyPair::getPublic).toList());
        chain.forEach(verifier::accept);
        return verifier.result();
    }

    /** Re-seals events from {@code from} (index) on after their predecessor, as someone with write access to the table could. */
    private static List<AuditEvent> rechained(List<AuditEvent> events) {
        List<AuditEvent> out = new ArrayList<>();
        for (AuditEvent e : events) {
            Optional<AuditHead> head = out.isEmpty() ? Optional.empty() : Optional.of(AuditHead.of(out.get(out.size() - 1)));
            AuditDraft draft = new AuditDraft(e.eventId(), e.type(), e.subjectId(), e.purpose(), e.state(), e.occurredAt(),
                    e.recordedAt(), e.actor(), e.channel(), e.noticeCode(), e.noticeVersion(), e.details());
            out.add(AuditChain.append(draft, head));
        }
        return out;
    }

    @Test
    @DisplayName("Without checkpoints, cutting the newest events (and setting the head back) still passes: the hole this closes")
    void without_a_checkpoint_a_cut_tail_verifies() {
        List<AuditEvent> chain = AuditChainTest.chainOf(10);
        List<AuditEvent> cut = chain.subList(0, 7);

        assertThat(AuditChainVerifier.verify(cut).valid()).isTrue();
        VerificationResult anchored = verify(cut, List.of(), KEY);
        assertThat(anchored.valid()).isTrue();
        assertThat(anchored.note()).hasValueSatisfying(n -> assertThat(n).contains("could be cut unseen"));
    }

    @Test
    void an_untouched_chain_with_checkpoints_is_valid_and_says_what_is_not_anchored_yet() {
        List<AuditEvent> chain = AuditChainTest.chainOf(10);
        VerificationResult result = verify(chain, List.of(checkpoint(1, chain.get(3), KEY), checkpoint(2, chain.get(7), KEY)), KEY);

        assertThat(result.valid()).as(result.toString()).isTrue();
        assertThat(result.checkpoints()).isEqualTo(2);
        assertThat(result.anchoredThrough()).isEqualTo(8);
        assertThat(result.note()).contains("events after checkpoint at 8 are not yet anchored");
        assertThat(result.lastHash()).contains(chain.get(9).hash());
    }

    @Test
    void events_after_the_last_checkpoint_can_be_cut_but_cutting_anchored_events_is_caught() {
        List<AuditEvent> chain = AuditChainTest.chainOf(10);
        List<Checkpoint> checkpoints = List.of(checkpoint(1, chain.get(7), KEY));

        assertThat(verify(chain.subList(0, 8), checkpoints, KEY).valid()).isTrue();
        VerificationResult cut = verify(chain.subList(0, 6), checkpoints, KEY);
        assertThat(cut.valid()).isFalse();
        assertThat(cut.brokenAt()).contains(7L);
    }

    @Test
    void a_changed_event_rehashed_with_every_link_after_it_is_caught_by_the_checkpoint() {
        List<AuditEvent> chain = AuditChainTest.chainOf(10);
        List<Checkpoint> checkpoints = List.of(checkpoint(1, chain.get(7), KEY));
        List<AuditEvent> forged = new ArrayList<>(chain);
        AuditEvent e = chain.get(4);
        forged.set(4, new AuditEvent(e.seq(), e.eventId(), e.type(), e.subjectId(), e.purpose(), "granted".equals(e.state()) ? "withdrawn" : "granted", e.occurredAt(),
                e.recordedAt(), e.actor(), e.channel(), e.noticeCode(), e.noticeVersion(), e.details(), e.prevHash(), e.hash()));

        assertThat(verify(forged, checkpoints, KEY).brokenAt()).contains(5L);
        VerificationResult rechained = verify(rechained(forged), checkpoints, KEY);
        assertThat(rechained.valid()).isFalse();
        assertThat(rechained.brokenAt()).contains(8L);
        assertThat(rechained.problem()).hasValueSatisfying(p -> assertThat(p).contains("checkpoint 1"));
    }

    @Test
    void a_deleted_inserted_or_swapped_event_is_caught_where_it_happened() {
        List<AuditEvent> chain = AuditChainTest.chainOf(10);
        List<Checkpoint> checkpoints = List.of(checkpoint(1, chain.get(9), KEY));

        List<AuditEvent> deleted = new ArrayList<>(chain);
        deleted.remove(3);
        assertThat(verify(deleted, checkpoints, KEY).brokenAt()).contains(5L);

        List<AuditEvent> inserted = new ArrayList<>(chain);
        inserted.add(3, chain.get(2));
        assertThat(verify(inserted, checkpoints, KEY).brokenAt()).contains(3L);

        List<AuditEvent> swapped = new ArrayList<>(chain);
        Collections.swap(swapped, 5, 6);
        assertThat(verify(swapped, checkpoints, KEY).brokenAt()).contains(7L);
        // the swap re-numbered and re-chained: only the checkpoint still knows
        assertThat(verify(rechained(swapped), checkpoints, KEY).brokenAt()).contains(10L);
    }

    @Test
    void a_bad_signature_or_an_unknown_key_is_reported_at_the_checkpoint_head() {
        List<AuditEvent> chain = AuditChainTest.chainOf(10);
        Checkpoint good = checkpoint(1, chain.get(5), KEY);
        Checkpoint moved = new Checkpoint(1, List.of(CheckpointHead.main(AuditHead.of(chain.get(4)))), good.signedAt(),
                good.keyId(), good.signature());
        KeyPair stranger = CheckpointSignatures.generate();

        VerificationResult bad = verify(chain, List.of(moved), KEY);
        assertThat(bad.brokenAt()).contains(5L);
        assertThat(bad.problem()).contains("checkpoint 1 has a bad signature");
        VerificationResult unknown = verify(chain, List.of(checkpoint(1, chain.get(5), stranger)), KEY);
        assertThat(unknown.brokenAt()).contains(6L);
        assertThat(unknown.problem()).hasValueSatisfying(p -> assertThat(p).contains("no trusted key vouches for"));
    }

    @Test
    void a_stored_head_set_back_below_the_events_read_is_reported() {
        List<AuditEvent> chain = AuditChainTest.chainOf(5);
        AnchoredChainVerifier verifier = new AnchoredChainVerifier(List.of(), List.of());
        chain.subList(0, 3).forEach(verifier::accept);

        assertThat(verifier.result(Optional.of(AuditHead.of(chain.get(4)))).brokenAt()).contains(4L);
    }

    @Test
    void a_rotated_key_is_trusted_through_the_key_event_its_predecessor_anchored() {
        KeyPair next = CheckpointSignatures.generate();
        List<AuditEvent> chain = new ArrayList<>(AuditChainTest.chainOf(4));
        AuditDraft keyAdded = new AuditDraft("evt-key", AuditEventType.AUDIT_KEY_ADDED, null, null, null, AT, AT, "system", null,
                null, null, Map.of("keyId", CheckpointSignatures.keyId(next.getPublic()), "algorithm", "Ed25519",
                "publicKeyPem", CheckpointSignatures.publicPem(next.getPublic())));
        chain.add(AuditChain.append(keyAdded, Optional.of(AuditHead.of(chain.get(3)))));
        for (int i = 6; i <= 8; i++) {
            chain.add(AuditChain.append(AuditChainTest.draft(i), Optional.of(AuditHead.of(chain.get(chain.size() - 1)))));
        }
        List<Checkpoint> checkpoints = List.of(checkpoint(1, chain.get(4), KEY), checkpoint(2, chain.get(7), next));

        VerificationResult result = verify(chain, checkpoints, KEY);
        assertThat(result.valid()).as(result.toString()).isTrue();
        assertThat(result.anchoredThrough()).isEqualTo(8);
        // without the old key's checkpoint over the key event, the new key is vouched for by nobody
        assertThat(verify(chain, List.of(checkpoints.get(1)), KEY).valid()).isFalse();
    }

    @Test
    void the_signed_statement_is_canonical_json_of_the_heads_key_number_and_time() {
        List<AuditEvent> chain = AuditChainTest.chainOf(2);
        Checkpoint c = checkpoint(3, chain.get(1), KEY);
        assertThat(new String(c.statement(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(
                "{\"heads\":[{\"chain\":\"main\",\"hash\":\"" + chain.get(1).hash() + "\",\"seq\":2}],\"keyId\":\"" + c.keyId()
                        + "\",\"number\":3,\"signedAt\":\"2026-12-01T00:00:00.000Z\"}");
        assertThat(CheckpointSignatures.verifies(c, KEY.getPublic())).isTrue();
        assertThat(CheckpointSignatures.publicKeys(CheckpointSignatures.publicPem(KEY.getPublic()))).containsExactly(KEY.getPublic());
        assertThat(CheckpointSignatures.pair(CheckpointSignatures.privateKey(CheckpointSignatures.privatePem(KEY.getPrivate())),
                KEY.getPublic())).isTrue();
    }
}
