package org.opencpm.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Whatever is done to a chain — a field changed, an event deleted, inserted or moved — the verifier finds where. */
class AuditChainProperties {

    private static final int FIELDS = 15;

    @Provide
    Arbitrary<List<AuditDraft>> drafts() {
        Arbitrary<String> text = Arbitraries.strings().ofMinLength(1).ofMaxLength(12);
        Arbitrary<AuditDraft> draft = Combinators.combine(
                        Arbitraries.of(AuditEventType.class), text, text.injectNull(0.3),
                        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8),
                        Arbitraries.longs().between(0, 4_000_000_000L),
                        Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5), text).ofMaxSize(3))
                .as((type, subject, purpose, actor, seconds, details) -> AuditDraft.of(type, subject, purpose, "granted",
                        Instant.ofEpochSecond(seconds), Instant.ofEpochSecond(seconds + 1), actor, "web", null, null, details));
        return draft.list().ofMinSize(1).ofMaxSize(25);
    }

    private static List<AuditEvent> seal(List<AuditDraft> drafts) {
        List<AuditEvent> chain = new ArrayList<>();
        for (AuditDraft d : drafts) {
            chain.add(AuditChain.append(d, chain.isEmpty() ? Optional.empty() : Optional.of(AuditHead.of(chain.get(chain.size() - 1)))));
        }
        return chain;
    }

    @Property
    void an_untouched_chain_verifies(@ForAll("drafts") List<AuditDraft> drafts) {
        List<AuditEvent> chain = seal(drafts);
        VerificationResult result = AuditChainVerifier.verify(chain);
        assertThat(result.valid()).isTrue();
        assertThat(result.events()).isEqualTo(chain.size());
        assertThat(result.lastHash()).contains(chain.get(chain.size() - 1).hash());
    }

    @Property
    void any_changed_field_is_found_at_that_event(@ForAll("drafts") List<AuditDraft> drafts,
                                                   @ForAll @IntRange(min = 0, max = 1000) int where,
                                                   @ForAll @IntRange(min = 0, max = FIELDS - 1) int field) {
        List<AuditEvent> chain = new ArrayList<>(seal(drafts));
        int i = where % chain.size();
        AuditEvent tampered = tamper(chain.get(i), field);
        chain.set(i, tampered);

        VerificationResult result = AuditChainVerifier.verify(chain);
        assertThat(result.valid()).isFalse();
        assertThat(result.brokenAt()).contains(tampered.seq());
    }

    @Property
    void a_deleted_event_is_found_where_the_gap_is(@ForAll("drafts") List<AuditDraft> drafts,
                                                   @ForAll @IntRange(min = 0, max = 1000) int where) {
        List<AuditEvent> chain = new ArrayList<>(seal(drafts));
        AuditHead head = AuditHead.of(chain.get(chain.size() - 1));
        int i = where % chain.size();
        chain.remove(i);

        AuditChainVerifier verifier = new AuditChainVerifier();
        chain.forEach(verifier::accept);
        VerificationResult result = verifier.result(Optional.of(head));
        assertThat(result.valid()).isFalse();
        boolean wasLast = i == chain.size();
        assertThat(result.brokenAt()).contains(wasLast ? head.seq() : i + 2L);
    }

    @Property
    void an_inserted_event_is_found(@ForAll("drafts") List<AuditDraft> drafts,
                                    @ForAll @IntRange(min = 0, max = 1000) int where) {
        List<AuditEvent> chain = new ArrayList<>(seal(drafts));
        int i = where % (chain.size() + 1);
        // a forger seals a plausible event in place i, linked to the real predecessor
        AuditEvent forged = AuditChain.append(AuditDraft.of(AuditEventType.CONSENT_RECORDED, "sub_x", "p", "granted",
                Instant.EPOCH, Instant.EPOCH, "forger", "web", null, null, Map.of()), i == 0 ? Optional.empty() : Optional.of(AuditHead.of(chain.get(i - 1))));
        chain.add(i, forged);

        VerificationResult result = AuditChainVerifier.verify(chain);
        if (i == chain.size() - 1) {
            // appended at the end with a correct link: that is what appending is; nothing is broken
            assertThat(result.valid()).isTrue();
        } else {
            assertThat(result.valid()).isFalse();
            assertThat(result.brokenAt()).contains(i + 1L);
        }
    }

    @Property
    void reordered_events_are_found(@ForAll("drafts") List<AuditDraft> drafts,
                                    @ForAll @IntRange(min = 0, max = 1000) int a,
                                    @ForAll @IntRange(min = 0, max = 1000) int b) {
        List<AuditEvent> chain = new ArrayList<>(seal(drafts));
        int i = a % chain.size();
        int j = b % chain.size();
        if (i == j) {
            return;
        }
        int first = Math.min(i, j);
        int second = Math.max(i, j);
        AuditEvent moved = chain.get(second);
        Collections.swap(chain, i, j);

        VerificationResult result = AuditChainVerifier.verify(chain);
        assertThat(result.valid()).isFalse();
        assertThat(result.brokenAt()).contains(moved.seq());
        assertThat(first).isLessThan(second);
    }

    /** {@code event} with field number {@code field} changed to something else. */
    private static AuditEvent tamper(AuditEvent e, int field) {
        long seq = e.seq();
        String eventId = e.eventId();
        AuditEventType type = e.type();
        String subject = e.subjectId();
        String purpose = e.purpose();
        String state = e.state();
        Instant occurred = e.occurredAt();
        Instant recorded = e.recordedAt();
        String actor = e.actor();
        String channel = e.channel();
        String noticeCode = e.noticeCode();
        String noticeVersion = e.noticeVersion();
        Map<String, String> details = new HashMap<>(e.details());
        String prevHash = e.prevHash();
        String hash = e.hash();
        switch (field) {
            case 0 -> seq = seq + 1000;
            case 1 -> eventId = eventId + "x";
            case 2 -> type = type == AuditEventType.CONSENT_RECORDED ? AuditEventType.ERASURE_DUE : AuditEventType.CONSENT_RECORDED;
            case 3 -> subject = subject + "x";
            case 4 -> purpose = purpose == null ? "p" : null;
            case 5 -> state = "withdrawn";
            case 6 -> occurred = occurred.plusMillis(1);
            case 7 -> recorded = recorded.minusSeconds(1);
            case 8 -> actor = actor + " ";
            case 9 -> channel = "store";
            case 10 -> noticeCode = "forged-notice";
            case 11 -> noticeVersion = "v-forged";
            case 12 -> details.merge("note", "added", (old, x) -> old + "!");
            case 13 -> prevHash = "f".repeat(64);
            case 14 -> hash = "e".repeat(64);
            default -> throw new IllegalArgumentException("no field " + field);
        }
        return new AuditEvent(seq, eventId, type, subject, purpose, state, occurred, recorded, actor, channel, noticeCode,
                noticeVersion, details, prevHash, hash);
    }
}
