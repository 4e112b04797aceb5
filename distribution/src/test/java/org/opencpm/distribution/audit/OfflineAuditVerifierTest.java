package org.opencpm.distribution.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.api.io.TempDir;
import org.opencpm.adapters.rest.json.ApiJson;
import org.opencpm.domain.audit.AuditChain;
import org.opencpm.domain.audit.AuditDraft;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.audit.AuditHead;
import org.opencpm.domain.audit.CanonicalWriter;
import org.opencpm.domain.audit.Checkpoint;
import org.opencpm.domain.audit.CheckpointHead;
import org.opencpm.domain.audit.CheckpointSignatures;

/**
 * PIPL Art. 54–56: {@code bin/opencpm audit verify} on whole and partial exports. A partial export
 * (its first line says {@code "partial": true}) is checked as far as it can be and never called
 * valid; a full export with a line deleted fails, however its header is rewritten, unless the
 * header names a filter — which the verifier then echoes, warning that partiality is only the
 * exporter's claim.
 */
class OfflineAuditVerifierTest {

    private static final KeyPair KEY = CheckpointSignatures.generate();
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final String FULL = "{\"kind\":\"export\",\"partial\":false,\"filter\":{}}";
    private static final String ANNAS = "{\"kind\":\"export\",\"partial\":true,\"filter\":{\"subjectId\":\"sub_anna\"},"
            + "\"subjectIds\":[\"sub_anna\"],\"note\":\"a partial chain\"}";

    @TempDir
    Path dir;

    /** Ten events: Anna's at 1, 2, 3, 6, 9, Bo's at the others. */
    private static final List<AuditEvent> CHAIN = chain();

    private static List<AuditEvent> chain() {
        List<AuditEvent> chain = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            String who = Set.of(1, 2, 3, 6, 9).contains(i) ? "sub_anna" : "sub_bo";
            Instant at = T0.plus(Duration.ofMinutes(i));
            chain.add(AuditChain.append(AuditDraft.of(AuditEventType.CONSENT_RECORDED, who, "marketing-sms", "granted", at, at, "key:test",
                    "web", null, null, Map.of("action", "grant")), chain.isEmpty() ? Optional.empty() : Optional.of(AuditHead.of(chain.getLast()))));
        }
        return chain;
    }

    private static String checkpoint(long number, AuditEvent head, KeyPair key) {
        List<CheckpointHead> heads = List.of(CheckpointHead.main(AuditHead.of(head)));
        String keyId = CheckpointSignatures.keyId(key.getPublic());
        String signature = CheckpointSignatures.sign(key.getPrivate(), Checkpoint.statement(number, heads, T0, keyId));
        return "{\"kind\":\"checkpoint\",\"number\":" + number + ",\"heads\":[{\"chain\":\"main\",\"seq\":" + head.seq() + ",\"hash\":\""
                + head.hash() + "\"}],\"signedAt\":\"" + ApiJson.time(T0) + "\",\"keyId\":\"" + keyId + "\",\"signature\":\"" + signature + "\"}";
    }

    /** The export's lines: {@code header} (none if null), the events with the given seqs, two checkpoints by {@code key}. */
    private static List<String> export(String header, List<Integer> seqs, KeyPair key) {
        List<String> lines = new ArrayList<>();
        if (header != null) {
            lines.add(header);
        }
        seqs.forEach(seq -> lines.add(ApiJson.auditEvent(CHAIN.get(seq - 1)).toString()));
        lines.add(checkpoint(1, CHAIN.get(5), key));
        lines.add(checkpoint(2, CHAIN.get(9), key));
        return lines;
    }

    private static List<Integer> all() {
        return List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    private static List<Integer> annas() {
        return List.of(1, 2, 3, 6, 9);
    }

    private record Verdict(int exit, String out) {
    }

    private Verdict verify(List<String> lines) throws IOException {
        Path file = dir.resolve("export-" + System.nanoTime() + ".ndjson");
        Files.writeString(file, String.join("\n", lines) + "\n");
        Path key = dir.resolve("key.pem");
        Files.writeString(key, CheckpointSignatures.publicPem(KEY.getPublic()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = OfflineAuditVerifier.run(new String[] {file.toString(), "--public-key", key.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Verdict(exit, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void a_full_export_with_its_header_is_valid() throws IOException {
        Verdict v = verify(export(FULL, all(), KEY));

        assertThat(v.exit()).as(v.out()).isZero();
        assertThat(v.out()).startsWith("valid: 10 events, 2 checkpoint(s), anchored through 10");
    }

    @Test
    @DisplayName("PIPL Art. 54–56: a partial export is checked as far as it can be, and reported as partial, never as valid")
    void a_partial_export_is_reported_as_partial_with_what_could_not_be_checked() throws IOException {
        Verdict v = verify(export(ANNAS, annas(), KEY));

        assertThat(v.exit()).as(v.out()).isZero();
        assertThat(v.out()).startsWith("partial export: 5 events read, 1 anchored by a signed checkpoint (their contents proven);"
                + " 4 not anchored: their hashes match their contents, which proves nothing on its own (whoever wrote the file can"
                + " recompute a hash); 2 links between consecutive events checked; links across 2 gaps not checkable — verify the"
                + " full export to prove nothing is missing; 2 checkpoint signature(s) verified");
        assertThat(v.out()).contains("filter asked: subjectId=sub_anna")
                .contains("WARNING: that this export is partial is the exporter's claim").doesNotContain("valid:");
    }

    /**
     * An event of a partial export that no checkpoint reaches can be edited and its hash recomputed
     * (the canonical form is public): the verifier cannot catch that, so it must not say the
     * event's content was verified — only which events a signed checkpoint proves.
     */
    @Test
    @DisplayName("PIPL Art. 54–56: an edited event of a partial export with its hash recomputed is not reported as verified")
    void an_edited_event_with_its_hash_recomputed_is_not_reported_as_verified() throws IOException {
        AuditEvent nine = CHAIN.get(8); // Anna's; the next checkpoint signs Bo's event 10
        AuditEvent edited = new AuditEvent(nine.seq(), nine.eventId(), nine.type(), nine.subjectId(), nine.purpose(), "withdrawn",
                nine.occurredAt(), nine.recordedAt(), nine.actor(), nine.channel(), nine.noticeCode(), nine.noticeVersion(),
                Map.of("action", "withdraw"), nine.prevHash(), "0".repeat(64));
        edited = new AuditEvent(edited.seq(), edited.eventId(), edited.type(), edited.subjectId(), edited.purpose(), edited.state(),
                edited.occurredAt(), edited.recordedAt(), edited.actor(), edited.channel(), edited.noticeCode(), edited.noticeVersion(),
                edited.details(), edited.prevHash(), new CanonicalWriter().hashOf(edited));
        List<String> lines = new ArrayList<>(export(ANNAS, annas(), KEY));
        lines.set(5, ApiJson.auditEvent(edited).toString());

        Verdict v = verify(lines);

        assertThat(v.out()).doesNotContain("contents verified").doesNotContain("valid:")
                .contains("5 events read, 1 anchored by a signed checkpoint").contains("4 not anchored");
    }

    @Test
    @DisplayName("A flipped byte in an event of a partial export fails with its seq")
    void a_flipped_byte_in_a_partial_export_fails_at_its_seq() throws IOException {
        List<String> lines = new ArrayList<>(export(ANNAS, annas(), KEY));
        lines.set(4, lines.get(4).replace("\"actor\":\"key:test\"", "\"actor\":\"key:tesu\"")); // event 6

        Verdict v = verify(lines);

        assertThat(v.exit()).as(v.out()).isEqualTo(1);
        assertThat(v.out()).startsWith("BROKEN at 6: content does not match its hash (partial export");
    }

    @Test
    @DisplayName("A full export with a line deleted fails, with its header or without")
    void a_full_export_with_a_deleted_line_fails() throws IOException {
        List<Integer> withoutFour = List.of(1, 2, 3, 5, 6, 7, 8, 9, 10);

        for (String header : new String[] {FULL, null}) {
            Verdict v = verify(export(header, withoutFour, KEY));
            assertThat(v.exit()).as(v.out()).isEqualTo(1);
            assertThat(v.out()).startsWith("BROKEN at 5: sequence number 5 where 4 was due");
        }
        Verdict firstCut = verify(export(FULL, List.of(2, 3, 4, 5, 6, 7, 8, 9, 10), KEY));
        assertThat(firstCut.exit()).as(firstCut.out()).isEqualTo(1);
        assertThat(firstCut.out()).startsWith("BROKEN at 2: sequence number 2 where 1 was due");
    }

    @Test
    void an_export_without_a_header_that_starts_late_says_what_it_did_not_check() throws IOException {
        Verdict v = verify(export(null, List.of(2, 3, 4, 5, 6, 7, 8, 9, 10), KEY));

        assertThat(v.exit()).as(v.out()).isZero();
        assertThat(v.out()).contains("no header line and starts at event 2");
    }

    @Test
    @DisplayName("Lines deleted from a full export and a header claiming partial without a filter: refused")
    void a_partial_claim_without_a_filter_is_refused() throws IOException {
        String forged = "{\"kind\":\"export\",\"partial\":true,\"filter\":{}}";

        Verdict v = verify(export(forged, List.of(1, 2, 3, 5, 6, 7, 8, 9, 10), KEY));

        assertThat(v.exit()).as(v.out()).isEqualTo(1);
        assertThat(v.out()).contains("claims partial: true but names no filter");
    }

    /**
     * The limit, said out loud: lines deleted from a full export and a header naming a filter that
     * every event meets cannot be told from an honest partial export — the verifier echoes the
     * filter, counts the gap and warns that partiality is the exporter's claim.
     */
    @Test
    void a_forged_filter_that_every_event_meets_is_echoed_and_warned_about() throws IOException {
        String forged = "{\"kind\":\"export\",\"partial\":true,\"filter\":{\"from\":\"2000-01-01T00:00:00Z\"}}";

        Verdict v = verify(export(forged, List.of(1, 2, 3, 5, 6, 7, 8, 9, 10), KEY));

        assertThat(v.exit()).as(v.out()).isZero();
        assertThat(v.out()).startsWith("partial export: 9 events").contains("links across 1 gaps not checkable")
                .contains("filter asked: from=2000-01-01T00:00:00Z").contains("WARNING").doesNotContain("valid:");
    }

    @Test
    void an_event_the_filter_does_not_select_fails_a_partial_export() throws IOException {
        Verdict v = verify(export(ANNAS, List.of(1, 2, 3, 5, 6, 9), KEY)); // Bo's 5 slipped in

        assertThat(v.exit()).as(v.out()).isEqualTo(1);
        assertThat(v.out()).startsWith("BROKEN at 5: event 5 is not one the export's filter selects");
    }

    @Test
    void a_checkpoint_signed_by_a_key_not_given_fails_a_partial_export() throws IOException {
        Verdict v = verify(export(ANNAS, annas(), CheckpointSignatures.generate()));

        assertThat(v.exit()).as(v.out()).isEqualTo(1);
        assertThat(v.out()).contains("not among the given public keys");
    }

    @Test
    void a_header_that_is_not_the_first_line_or_cannot_be_checked_is_refused() throws IOException {
        List<String> late = new ArrayList<>(export(null, all(), KEY));
        late.add(3, FULL);
        String[] bad = {
                "{\"kind\":\"export\",\"partial\":true,\"filter\":{\"channel\":\"web\"}}",
                "{\"kind\":\"export\",\"partial\":false,\"filter\":{\"purpose\":\"marketing-sms\"}}",
                "{\"kind\":\"export\",\"filter\":{}}",
                "{\"kind\":\"export\",\"partial\":true,\"filter\":{\"subjectId\":\"sub_anna\"},\"subjectIds\":[\"sub_bo\"]}",
                "{\"kind\":\"export\",\"partial\":true,\"filter\":{\"type\":[\"consent_given\"]}}",
        };

        Verdict lateHeader = verify(late);
        assertThat(lateHeader.exit()).as(lateHeader.out()).isEqualTo(1);
        assertThat(lateHeader.out()).contains("only the first line may be");
        for (String header : bad) {
            Verdict v = verify(export(header, annas(), KEY));
            assertThat(v.exit()).as(header + ": " + v.out()).isEqualTo(1);
            assertThat(v.out()).as(header).startsWith("BROKEN: line 1 is an export header that");
        }
    }
}
