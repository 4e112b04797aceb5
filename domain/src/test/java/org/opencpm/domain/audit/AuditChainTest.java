package org.opencpm.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    static AuditDraft draft(int n) {
        return new AuditDraft("evt-" + n, AuditEventType.CONSENT_RECORDED, "sub_" + (n % 7), "marketing-sms",
                n % 2 == 0 ? "granted" : "withdrawn", Instant.parse("2026-11-29T02:00:00Z").plusSeconds(n),
                Instant.parse("2026-11-29T02:00:00.123456Z").plusSeconds(n), "key:crm", "miniprogram",
                "privacy-policy", "2026-01", Map.of("action", n % 2 == 0 ? "grant" : "withdraw", "version", Integer.toString(n)));
    }

    static List<AuditEvent> chainOf(int length) {
        List<AuditEvent> chain = new ArrayList<>();
        for (int i = 1; i <= length; i++) {
            chain.add(AuditChain.append(draft(i), chain.isEmpty() ? Optional.empty() : Optional.of(AuditHead.of(chain.get(chain.size() - 1)))));
        }
        return chain;
    }

    @Test
    @DisplayName("PIPL Art. 54–56: each event is hash-chained to its predecessor from a zero genesis")
    void events_link_to_their_predecessor() {
        List<AuditEvent> chain = chainOf(3);
        assertThat(chain).extracting(AuditEvent::seq).containsExactly(1L, 2L, 3L);
        assertThat(chain.get(0).prevHash()).isEqualTo(AuditChain.GENESIS);
        assertThat(chain.get(1).prevHash()).isEqualTo(chain.get(0).hash());
        assertThat(chain.get(2).prevHash()).isEqualTo(chain.get(1).hash());
        assertThat(AuditChainVerifier.verify(chain)).isEqualTo(VerificationResult.valid(3, Optional.of(chain.get(2).hash())));
    }

    @Test
    void the_hash_is_the_sha256_of_the_canonical_form_anyone_can_recompute() throws Exception {
        AuditEvent event = chainOf(1).get(0);
        String canonical = CanonicalForm.of(event);
        assertThat(canonical).startsWith("{\"actor\":\"key:crm\",\"channel\":\"miniprogram\",\"details\":{\"action\":\"withdraw\",\"version\":\"1\"},")
                .contains("\"occurredAt\":\"2026-11-29T02:00:01.000Z\"")
                .contains("\"recordedAt\":\"2026-11-29T02:00:01.123Z\"")
                .contains("\"seq\":1,")
                .doesNotContain("\"hash\"");
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
        assertThat(event.hash()).isEqualTo(HexFormat.of().formatHex(digest));
    }

    @Test
    void canonical_strings_are_escaped_as_json() {
        AuditDraft tricky = new AuditDraft("e", AuditEventType.PURPOSE_DEFINED, null, "p", null, Instant.EPOCH, Instant.EPOCH,
                "admin \"root\"\\\n\u0001", null, null, null, Map.of("名称", "营销短信"));
        String canonical = CanonicalForm.of(AuditChain.append(tricky, Optional.empty()));
        assertThat(canonical).contains("\"actor\":\"admin \\\"root\\\"\\\\\\n\\u0001\"")
                .contains("\"subjectId\":null").contains("\"名称\":\"营销短信\"");
    }

    @Test
    @DisplayName("the canonical form, byte for byte: detail keys in code-unit order (upper case before lower, CJK last), escapes as JSON")
    void the_canonical_form_is_fixed_byte_for_byte() {
        AuditDraft draft = new AuditDraft("evt-golden", AuditEventType.CONSENT_RECORDED, "sub_1", "marketing-sms", "granted",
                Instant.parse("2026-11-29T02:00:01.5Z"), Instant.parse("2026-11-29T02:00:02.123Z"), "key:crm", "web", "privacy-policy",
                "2026-01", Map.of("b", "x", "B", "y", "名称", "营销短信", "a\"q", "tab\there", "sealed", "a1:AAAA/+=="));
        String canonical = CanonicalForm.of(AuditChain.append(draft, Optional.empty()));
        assertThat(canonical).isEqualTo("{\"actor\":\"key:crm\",\"channel\":\"web\",\"details\":{\"B\":\"y\",\"a\\\"q\":\"tab\\there\","
                + "\"b\":\"x\",\"sealed\":\"a1:AAAA/+==\",\"名称\":\"营销短信\"},\"eventId\":\"evt-golden\",\"noticeCode\":\"privacy-policy\","
                + "\"noticeVersion\":\"2026-01\",\"occurredAt\":\"2026-11-29T02:00:01.500Z\",\"prevHash\":\"" + AuditChain.GENESIS + "\","
                + "\"purpose\":\"marketing-sms\",\"recordedAt\":\"2026-11-29T02:00:02.123Z\",\"seq\":1,\"state\":\"granted\","
                + "\"subjectId\":\"sub_1\",\"type\":\"consent_recorded\"}");
    }

    @Test
    void times_are_kept_to_the_millisecond_so_a_stored_event_hashes_the_same() {
        AuditEvent event = chainOf(1).get(0);
        assertThat(event.recordedAt()).isEqualTo(Instant.parse("2026-11-29T02:00:01.123Z"));
    }

    @Test
    void a_changed_field_is_found_at_its_event() {
        List<AuditEvent> chain = new ArrayList<>(chainOf(5));
        AuditEvent third = chain.get(2);
        chain.set(2, new AuditEvent(third.seq(), third.eventId(), third.type(), third.subjectId(), third.purpose(), "granted",
                third.occurredAt(), third.recordedAt(), third.actor(), third.channel(), third.noticeCode(), third.noticeVersion(),
                third.details(), third.prevHash(), third.hash()));
        VerificationResult result = AuditChainVerifier.verify(chain);
        assertThat(result.valid()).isFalse();
        assertThat(result.brokenAt()).contains(3L);
        assertThat(result.problem()).contains("content does not match its hash");
    }

    @Test
    void an_event_cut_from_the_end_is_found_with_the_head() {
        List<AuditEvent> chain = chainOf(5);
        AuditChainVerifier verifier = new AuditChainVerifier();
        chain.subList(0, 4).forEach(verifier::accept);
        VerificationResult result = verifier.result(Optional.of(AuditHead.of(chain.get(4))));
        assertThat(result.valid()).isFalse();
        assertThat(result.brokenAt()).contains(5L);
    }

    @Test
    void an_empty_chain_is_valid() {
        assertThat(AuditChainVerifier.verify(List.of())).isEqualTo(VerificationResult.valid(0, Optional.empty()));
    }

    @Test
    void a_part_of_a_chain_verifies_from_its_anchor() {
        List<AuditEvent> chain = chainOf(6);
        AuditChainVerifier verifier = new AuditChainVerifier(4, chain.get(2).hash());
        chain.subList(3, 6).forEach(verifier::accept);
        assertThat(verifier.result().valid()).isTrue();
    }
}
