package org.opencpm.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The fast writer the verifier hashes with is held to the readable reference it replaced, {@link ReferenceCanonicalForm#of}:
 * for any event — any text (controls, quotes, CJK, emoji, unpaired surrogates), any time (years before
 * 0 and after 9999 included) — the same bytes, so a hash written before the writer existed still
 * verifies and an auditor's JCS library agrees with both.
 */
class CanonicalWriterProperties {

    @Provide
    Arbitrary<AuditEvent> events() {
        Arbitrary<String> text = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20),
                Arbitraries.strings().withChars("ab\"\\\n\t\u0001\u001f\u007f\u00e9中\ud83d\ude00\ud800\udc00").ofMaxLength(12),
                Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(12));
        Arbitrary<Instant> time = Arbitraries.oneOf(
                Arbitraries.longs().between(-62_000_000_000_000L, 253_402_300_799_999L).map(Instant::ofEpochMilli),
                Arbitraries.longs().between(-1_000_000_000_000L, 1_000_000_000_000L).map(Instant::ofEpochSecond),
                Arbitraries.longs().between(0, 4_102_444_800L).flatMap(s -> Arbitraries.integers().between(0, 999_999_999)
                        .map(nanos -> Instant.ofEpochSecond(s, nanos))));
        Arbitrary<Map<String, String>> details = Arbitraries.maps(text, text).ofMaxSize(9);
        Arbitrary<Long> seqs = Arbitraries.longs().between(1, Long.MAX_VALUE);
        return Combinators.combine(seqs, Arbitraries.of(AuditEventType.class), text.injectNull(0.2), text.injectNull(0.2),
                        time, time, text, details)
                .as((seq, type, subject, purpose, occurred, recorded, actor, d) -> new AuditEvent(seq, "evt-" + seq, type,
                        subject, purpose, "granted", occurred, recorded, actor, null, purpose, subject, d, actor, "h"));
    }

    @Property(tries = 2000)
    void the_writer_writes_the_bytes_of_the_canonical_form(@ForAll("events") AuditEvent event) throws Exception {
        byte[] reference = ReferenceCanonicalForm.of(event).getBytes(StandardCharsets.UTF_8);
        assertThat(new CanonicalWriter().bytes(event)).isEqualTo(reference);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(reference));
        assertThat(new CanonicalWriter().hashOf(event)).isEqualTo(hash);
        assertThat(new CanonicalWriter().matchesItsHash(withHash(event, hash))).isTrue();
        assertThat(new CanonicalWriter().matchesItsHash(withHash(event, hash.toUpperCase()))).isFalse();
        assertThat(new CanonicalWriter().matchesItsHash(withHash(event, hash.substring(1) + "0"))).isFalse();
    }

    private static AuditEvent withHash(AuditEvent e, String hash) {
        return new AuditEvent(e.seq(), e.eventId(), e.type(), e.subjectId(), e.purpose(), e.state(), e.occurredAt(), e.recordedAt(),
                e.actor(), e.channel(), e.noticeCode(), e.noticeVersion(), e.details(), e.prevHash(), hash);
    }
}
