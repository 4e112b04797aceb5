package org.opencpm.distribution.audit;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencpm.domain.audit.AnchoredChainVerifier;
import org.opencpm.domain.audit.ParallelHashing;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.audit.Checkpoint;
import org.opencpm.domain.audit.CheckpointHead;
import org.opencpm.domain.audit.CheckpointSignatures;
import org.opencpm.domain.audit.PartialChainVerifier;
import org.opencpm.domain.audit.PartialVerification;
import org.opencpm.domain.audit.VerificationResult;

/**
 * {@code bin/opencpm audit verify <export.ndjson> --public-key <file>} (PIPL Art. 54–56): verifies an
 * NDJSON export of the audit trail ({@code GET /api/v1/audit/events}) with nothing but the export
 * and the public key(s) of {@code GET /api/v1/audit/public-keys} — no server, no database. Every
 * hash is recomputed from the event's canonical form, every link and every checkpoint signature
 * checked ({@link AnchoredChainVerifier}); the keys listed inside the export are not trusted (whoever
 * forged the export could have forged them), only the given ones and those a trusted checkpoint
 * covers in the chain.
 *
 * <p>An export whose header line says {@code "partial": true} (filtered by time, subject, purpose or
 * type: ADR 0015) is a partial chain: the links across the events left out cannot be checked. It
 * is checked as far as it can be ({@link PartialChainVerifier}: every hash recomputed, links where
 * events follow each other, every event within the header's filter, every checkpoint signature)
 * and reported as {@code partial export: …}, never as {@code valid}, with a warning that its
 * partiality is the exporter's unsigned claim, and with how many events a signed checkpoint
 * proves: the others' contents could have been edited and their hashes recomputed. Without a header, or with {@code "partial": false},
 * the export is verified as a whole chain: a line deleted from it is caught.
 *
 * <p>Exit status: 0 valid (or, for a partial export, everything checkable holds), 1 broken (the
 * first broken sequence number and why on standard output), 2 unusable arguments or files. Reads the
 * file twice (the checkpoints come last); a whole chain's hashes are recomputed on every core while it
 * is read ({@link ParallelHashing}), a few thousand events held at a time.
 */
public final class OfflineAuditVerifier {

    /** One factory for every line: {@code Json.createReader} looks the provider up again each time. */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private OfflineAuditVerifier() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path export = null;
        List<Path> keyFiles = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--public-key") && i + 1 < args.length) {
                keyFiles.add(Path.of(args[++i]));
            } else if (export == null && !args[i].startsWith("--")) {
                export = Path.of(args[i]);
            } else {
                return usage(err);
            }
        }
        if (export == null || keyFiles.isEmpty()) {
            return usage(err);
        }
        List<PublicKey> trusted = new ArrayList<>();
        try {
            for (Path file : keyFiles) {
                trusted.addAll(CheckpointSignatures.publicKeys(Files.readString(file, StandardCharsets.US_ASCII)));
            }
        } catch (IOException | IllegalArgumentException e) {
            err.println("cannot read the public key: " + e.getMessage());
            return 2;
        }
        try {
            return verify(export, trusted).print(out);
        } catch (Unreadable e) {
            out.println("BROKEN: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("cannot read " + export + ": " + e.getMessage());
            return 2;
        }
    }

    private static int usage(PrintStream err) {
        err.println("usage: opencpm audit verify <export.ndjson> --public-key <public-key.pem> [--public-key <older.pem>]...");
        return 2;
    }

    /** A line that is not what an export holds: the file was changed (or is not an export). */
    static final class Unreadable extends Exception {
        Unreadable(long line, String why) {
            super("line " + line + " " + why);
        }
    }

    /** What the verifier found, and how it says so; {@link #print} returns the exit status. */
    sealed interface Verdict permits Whole, Partial {
        int print(PrintStream out);
    }

    /**
     * A whole chain (no header, or a header saying {@code partial: false}), verified as {@link
     * AnchoredChainVerifier} does; {@code caveat} when a headerless export starts after event 1.
     */
    record Whole(VerificationResult result, Optional<String> caveat) implements Verdict {
        @Override
        public int print(PrintStream out) {
            if (!result.valid()) {
                out.println("BROKEN at " + result.brokenAt().orElseThrow() + ": " + result.problem().orElse("") + " (" + result.events()
                        + " events read)");
                return 1;
            }
            out.println("valid: " + result.events() + " events, " + result.checkpoints() + " checkpoint(s), anchored through "
                    + result.anchoredThrough() + result.lastHash().map(h -> ", last hash " + h).orElse(""));
            result.note().ifPresent(note -> out.println("note: " + note));
            caveat.ifPresent(note -> out.println("note: " + note));
            return 0;
        }
    }

    /**
     * A partial chain (the header says {@code partial: true}): never reported as valid, only as what
     * could be checked holding, with how much could not be and that partiality is the exporter's word.
     */
    record Partial(ExportHeader header, PartialVerification result) implements Verdict {
        @Override
        public int print(PrintStream out) {
            if (!result.holds()) {
                out.println("BROKEN at " + result.brokenAt().orElseThrow() + ": " + result.problem().orElse("") + " (partial export, "
                        + result.events() + " events read)");
                return 1;
            }
            out.println("partial export: " + result.events() + " events read, " + result.anchored()
                    + " anchored by a signed checkpoint (their contents proven); " + (result.events() - result.anchored())
                    + " not anchored: their hashes match their contents, which proves nothing on its own (whoever wrote the file"
                    + " can recompute a hash); " + result.linksChecked() + " links between consecutive events checked; links across " + result.gaps()
                    + " gaps not checkable — verify the full export to prove nothing is missing; " + result.checkpoints()
                    + " checkpoint signature(s) verified");
            out.println("filter asked: " + header.echo());
            out.println("WARNING: that this export is partial is the exporter's claim, not proven: its header line is not signed, "
                    + "and a full export with events deleted and such a header added would read the same");
            return 0;
        }
    }

    static Verdict verify(Path export, List<PublicKey> trusted) throws IOException, Unreadable {
        List<Checkpoint> checkpoints = new ArrayList<>();
        long[] first = {-1};
        String[] firstPrev = {null};
        ExportHeader[] header = {null};
        boolean[] atFirstLine = {true};
        forEachLine(export, (n, line) -> {
            String kind = kind(n, line);
            if ("export".equals(kind)) {
                if (!atFirstLine[0]) {
                    throw new Unreadable(n, "is an export header, which only the first line may be");
                }
                try {
                    header[0] = ExportHeader.read(line);
                } catch (RuntimeException e) {
                    throw new Unreadable(n, "is an export header that " + e.getMessage());
                }
            } else if ("checkpoint".equals(kind)) {
                checkpoints.add(checkpoint(n, line));
            } else if (kind == null && first[0] < 0) {
                first[0] = event(n, line).seq();
                firstPrev[0] = line.getString("prevHash");
            }
            atFirstLine[0] = false;
        });
        if (header[0] != null && header[0].partial()) {
            PartialChainVerifier verifier = new PartialChainVerifier(header[0].selection(), checkpoints, trusted);
            forEachLine(export, (n, line) -> {
                if (!line.containsKey("kind")) {
                    verifier.accept(event(n, line));
                }
            });
            return new Partial(header[0], verifier.result());
        }
        // a header saying partial: false promises the whole chain, from event 1; an export without
        // one (made before headers existed) is checked from its first event, and says so
        boolean fromFirstEvent = header[0] != null || first[0] <= 1;
        AnchoredChainVerifier verifier = fromFirstEvent
                ? new AnchoredChainVerifier(checkpoints, trusted)
                : new AnchoredChainVerifier(checkpoints, trusted, first[0], firstPrev[0]);
        try (ParallelHashing hashing = new ParallelHashing(Runtime.getRuntime().availableProcessors(), verifier::accept)) {
            forEachLine(export, (n, line) -> {
                if (!line.containsKey("kind")) {
                    hashing.add(event(n, line));
                }
            });
            hashing.finish();
        }
        Optional<String> caveat = fromFirstEvent ? Optional.empty()
                : Optional.of("this export has no header line and starts at event " + first[0] + ": the events before it, and the link"
                        + " to them, were not checked");
        return new Whole(verifier.result(Optional.empty()), caveat);
    }

    private static String kind(long n, JsonObject line) throws Unreadable {
        JsonValue kind = line.get("kind");
        if (kind == null) {
            return null;
        }
        if (!(kind instanceof JsonString text)) {
            throw new Unreadable(n, "has a kind that is not a string");
        }
        return text.getString();
    }

    @FunctionalInterface
    private interface LineWork {
        void accept(long number, JsonObject line) throws Unreadable;
    }

    private static void forEachLine(Path file, LineWork work) throws IOException, Unreadable {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder), 1 << 16)) {
            String text;
            long n = 0;
            while ((text = reader.readLine()) != null) {
                n++;
                if (text.isBlank()) {
                    continue;
                }
                JsonObject line;
                try (JsonReader json = READERS.createReader(new StringReader(text))) {
                    line = json.readObject();
                } catch (JsonParsingException | ClassCastException | IllegalStateException e) {
                    throw new Unreadable(n, "is not a JSON object");
                }
                work.accept(n, line);
            }
        } catch (CharacterCodingException e) {
            throw new Unreadable(0, "in the file is not UTF-8: " + e.getMessage());
        }
    }

    static AuditEvent event(long n, JsonObject json) throws Unreadable {
        try {
            Map<String, String> details = new HashMap<>();
            for (Map.Entry<String, JsonValue> d : json.getJsonObject("details").entrySet()) {
                details.put(d.getKey(), ((JsonString) d.getValue()).getString());
            }
            return new AuditEvent(json.getJsonNumber("seq").longValueExact(), text(json, "eventId"),
                    AuditEventType.parse(json.getString("type"), "type"), text(json, "subjectId"), text(json, "purpose"),
                    text(json, "state"), Instant.parse(json.getString("occurredAt")), Instant.parse(json.getString("recordedAt")),
                    text(json, "actor"), text(json, "channel"), text(json, "noticeCode"), text(json, "noticeVersion"), details,
                    json.getString("prevHash"), json.getString("hash"));
        } catch (RuntimeException e) {
            throw new Unreadable(n, "is not an audit event: " + e.getMessage());
        }
    }

    private static Checkpoint checkpoint(long n, JsonObject json) throws Unreadable {
        try {
            List<CheckpointHead> heads = new ArrayList<>();
            JsonArray array = json.getJsonArray("heads");
            for (JsonObject h : array.getValuesAs(JsonObject.class)) {
                heads.add(new CheckpointHead(h.getString("chain"), h.getJsonNumber("seq").longValueExact(), h.getString("hash")));
            }
            return new Checkpoint(json.getJsonNumber("number").longValueExact(), heads, Instant.parse(json.getString("signedAt")),
                    json.getString("keyId"), json.getString("signature"));
        } catch (RuntimeException e) {
            throw new Unreadable(n, "is not a checkpoint: " + e.getMessage());
        }
    }

    private static String text(JsonObject json, String key) {
        return json.containsKey(key) && !json.isNull(key) ? json.getString(key) : null;
    }
}
