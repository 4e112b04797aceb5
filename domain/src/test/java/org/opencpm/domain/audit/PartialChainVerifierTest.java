package org.opencpm.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/**
 * PIPL Art. 54–56: what a partial chain (an export filtered by subject, purpose, type or time)
 * allows to be checked is checked — hashes, links between consecutive events, the filter,
 * checkpoint signatures — and the gaps whose links cannot be are counted, never passed over.
 */
class PartialChainVerifierTest {

    private static final KeyPair KEY = CheckpointSignatures.generate();
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final SubjectId ANNA = SubjectId.of("sub_anna");
    private static final SubjectId BO = SubjectId.of("sub_bo");
    private static final AuditSelection ANNAS = new AuditSelection(Optional.empty(), Optional.empty(), List.of(ANNA), Optional.empty(),
            Set.of());

    /** Ten events: Anna's at 1, 2, 3, 6, 9 (consents for marketing-sms), Bo's at the others. */
    private static List<AuditEvent> chain() {
        List<AuditEvent> chain = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            SubjectId who = Set.of(1, 2, 3, 6, 9).contains(i) ? ANNA : BO;
            AuditDraft draft = AuditDraft.of(i == 6 ? AuditEventType.PREFERENCES_UPDATED : AuditEventType.CONSENT_RECORDED, who.value(),
                    i == 6 ? null : "marketing-sms", i == 6 ? null : "granted", T0.plus(Duration.ofMinutes(i)), T0.plus(Duration.ofMinutes(i)),
                    "key:test", "web", null, null, Map.of("n", Integer.toString(i)));
            chain.add(AuditChain.append(draft, chain.isEmpty() ? Optional.empty() : Optional.of(AuditHead.of(chain.getLast()))));
        }
        return chain;
    }

    private static List<AuditEvent> of(List<AuditEvent> chain, AuditSelection selection) {
        return chain.stream().filter(selection::matches).toList();
    }

    private static PartialVerification verify(AuditSelection selection, List<AuditEvent> events, List<Checkpoint> checkpoints) {
        PartialChainVerifier verifier = new PartialChainVerifier(selection, checkpoints, List.of(KEY.getPublic()));
        events.forEach(verifier::accept);
        return verifier.result();
    }

    private static AuditEvent withState(AuditEvent e, String state) {
        return new AuditEvent(e.seq(), e.eventId(), e.type(), e.subjectId(), e.purpose(), state, e.occurredAt(), e.recordedAt(),
                e.actor(), e.channel(), e.noticeCode(), e.noticeVersion(), e.details(), e.prevHash(), e.hash());
    }

    @Test
    @DisplayName("PIPL Art. 54–56: a subject's events hold, links checked where consecutive, the gaps counted")
    void a_subjects_events_hold_with_the_gaps_counted() {
        List<AuditEvent> chain = chain();
        List<Checkpoint> checkpoints = List.of(AnchoredChainVerifierTest.checkpoint(1, chain.get(5), KEY),
                AnchoredChainVerifierTest.checkpoint(2, chain.get(9), KEY));

        PartialVerification result = verify(ANNAS, of(chain, ANNAS), checkpoints);

        assertThat(result.holds()).as(result.toString()).isTrue();
        assertThat(result.events()).isEqualTo(5);
        assertThat(result.linksChecked()).isEqualTo(2); // 1→2, 2→3
        assertThat(result.gaps()).isEqualTo(2); // 4–5, 7–8
        assertThat(result.checkpoints()).isEqualTo(2);
    }

    @Test
    void a_part_starting_after_event_one_counts_the_gap_before_it() {
        List<AuditEvent> chain = chain();
        AuditSelection since = new AuditSelection(Optional.of(T0.plus(Duration.ofMinutes(4))), Optional.empty(), List.of(),
                Optional.empty(), Set.of());

        PartialVerification result = verify(since, of(chain, since), List.of());

        assertThat(result.holds()).isTrue();
        assertThat(result.gaps()).isEqualTo(1);
        assertThat(result.linksChecked()).isEqualTo(6);
    }

    @Test
    @DisplayName("A changed field of an exported event is caught at its seq")
    void a_changed_event_is_caught_at_its_seq() {
        List<AuditEvent> part = new ArrayList<>(of(chain(), ANNAS));
        part.set(3, withState(part.get(3), "withdrawn"));

        PartialVerification result = verify(ANNAS, part, List.of());

        assertThat(result.holds()).isFalse();
        assertThat(result.brokenAt()).contains(6L);
        assertThat(result.problem()).hasValueSatisfying(p -> assertThat(p).contains("content does not match its hash"));
    }

    @Test
    void a_consecutive_event_resealed_after_a_change_breaks_its_link() {
        List<AuditEvent> chain = chain();
        AuditEvent second = chain.get(1);
        AuditDraft forged = new AuditDraft(second.eventId(), second.type(), second.subjectId(), second.purpose(), "withdrawn",
                second.occurredAt(), second.recordedAt(), second.actor(), second.channel(), null, null, second.details());
        AuditEvent resealed = AuditChain.append(forged, Optional.of(new AuditHead(1, "ab".repeat(32))));
        List<AuditEvent> part = new ArrayList<>(of(chain, ANNAS));
        part.set(1, resealed);

        PartialVerification result = verify(ANNAS, part, List.of());

        assertThat(result.brokenAt()).contains(2L);
        assertThat(result.problem()).hasValueSatisfying(p -> assertThat(p).contains("previous hash"));
    }

    @Test
    void events_out_of_order_or_repeated_are_caught() {
        List<AuditEvent> part = new ArrayList<>(of(chain(), ANNAS));
        part.add(part.get(1));

        assertThat(verify(ANNAS, part, List.of()).brokenAt()).contains(2L);
    }

    @Test
    @DisplayName("An event the header's filter would not select (slipped in from elsewhere in the chain) is caught")
    void an_event_outside_the_filter_is_caught() {
        List<AuditEvent> chain = chain();
        List<AuditEvent> part = new ArrayList<>(of(chain, ANNAS));
        part.add(3, chain.get(4)); // Bo's event 5, between Anna's 3 and 6

        PartialVerification result = verify(ANNAS, part, List.of());

        assertThat(result.brokenAt()).contains(5L);
        assertThat(result.problem()).hasValueSatisfying(p -> assertThat(p).contains("not one the export's filter selects"));
    }

    @Test
    void purpose_and_type_filters_are_held_to_as_well() {
        List<AuditEvent> chain = chain();
        AuditSelection consents = new AuditSelection(Optional.empty(), Optional.empty(), List.of(), Optional.of(PurposeCode.of("marketing-sms")),
                Set.of(AuditEventType.CONSENT_RECORDED));

        assertThat(verify(consents, of(chain, consents), List.of()).holds()).isTrue();
        assertThat(verify(consents, chain, List.of()).brokenAt()).contains(6L); // the preferences event
    }

    @Test
    void a_checkpoint_with_a_bad_signature_or_an_unknown_key_fails_and_one_vouching_for_another_event_too() {
        List<AuditEvent> chain = chain();
        List<AuditEvent> part = of(chain, ANNAS);
        Checkpoint good = AnchoredChainVerifierTest.checkpoint(1, chain.get(5), KEY);
        Checkpoint forged = new Checkpoint(2, good.heads(), good.signedAt(), good.keyId(), AnchoredChainVerifierTest.checkpoint(1,
                chain.get(6), KEY).signature());
        Checkpoint foreign = AnchoredChainVerifierTest.checkpoint(2, chain.get(8), CheckpointSignatures.generate());
        Checkpoint elsewhere = AnchoredChainVerifierTest.checkpoint(3, chain.get(4), KEY);
        Checkpoint atAnnas = new Checkpoint(3, List.of(new CheckpointHead(CheckpointHead.MAIN, 9, elsewhere.heads().getFirst().hash())),
                elsewhere.signedAt(), elsewhere.keyId(), CheckpointSignatures.sign(KEY.getPrivate(), Checkpoint.statement(3,
                List.of(new CheckpointHead(CheckpointHead.MAIN, 9, elsewhere.heads().getFirst().hash())), elsewhere.signedAt(),
                elsewhere.keyId())));

        assertThat(verify(ANNAS, part, List.of(good)).holds()).isTrue();
        assertThat(verify(ANNAS, part, List.of(forged)).problem()).hasValueSatisfying(p -> assertThat(p).contains("bad signature"));
        assertThat(verify(ANNAS, part, List.of(foreign)).problem())
                .hasValueSatisfying(p -> assertThat(p).contains("not among the given public keys"));
        PartialVerification vouching = verify(ANNAS, part, List.of(atAnnas));
        assertThat(vouching.brokenAt()).contains(9L);
        assertThat(vouching.problem()).hasValueSatisfying(p -> assertThat(p).contains("vouches for another event"));
    }

    @Test
    @DisplayName("Only events in a run of consecutive events ending at one a checkpoint signed are counted as anchored")
    void only_events_leading_to_a_signed_checkpoint_are_anchored() {
        List<AuditEvent> chain = chain();
        Checkpoint atSix = AnchoredChainVerifierTest.checkpoint(1, chain.get(5), KEY);
        Checkpoint atTen = AnchoredChainVerifierTest.checkpoint(2, chain.get(9), KEY);
        AuditSelection since5 = AuditSelection.between(Optional.of(T0.plus(Duration.ofMinutes(5))), Optional.empty());

        assertThat(verify(ANNAS, of(chain, ANNAS), List.of(atSix, atTen)).anchored()).isEqualTo(1); // 6 alone; 1–3 and 9 lead to none
        assertThat(verify(since5, of(chain, since5), List.of(atSix)).anchored()).isEqualTo(2); // 5 and 6; 7–10 after the last
        assertThat(verify(since5, of(chain, since5), List.of(atSix, atTen)).anchored()).isEqualTo(6);
        assertThat(verify(ANNAS, of(chain, ANNAS), List.of()).anchored()).isZero();
    }

    @Test
    void the_selection_says_whether_it_is_the_whole_chain() {
        assertThat(AuditSelection.ALL.everything()).isTrue();
        assertThat(ANNAS.everything()).isFalse();
        assertThat(AuditSelection.between(Optional.of(T0), Optional.empty()).everything()).isFalse();
        assertThat(of(chain(), ANNAS)).extracting(AuditEvent::seq).containsExactly(1L, 2L, 3L, 6L, 9L);
    }
}
