package org.opencpm.domain.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.opencpm.domain.Checks;

/**
 * A signed statement that, at {@link #signedAt}, the audit chain(s) ended at {@link #heads}: once
 * taken, deleting, changing or reordering any event up to a head, or setting the head back below
 * it, is caught by verification even when whoever did it rewrote every hash after it — they
 * cannot sign. Events after the newest checkpoint are not anchored yet.
 *
 * <p>The signature is Ed25519 ({@link CheckpointSignatures}) over {@link #statement()}: canonical
 * JSON, keys in code-point order, no white space —
 * {@code {"heads":[{"chain":"main","hash":"…","seq":N}],"keyId":"…","number":N,"signedAt":"…"}} —
 * so an auditor can rebuild and check it with any Ed25519 tool.
 *
 * @param number    1, 2, 3… in the order taken
 * @param signature the Ed25519 signature, base64
 */
public record Checkpoint(long number, List<CheckpointHead> heads, Instant signedAt, String keyId, String signature) {

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public Checkpoint {
        if (number < 1) {
            throw new IllegalArgumentException("checkpoints are numbered from 1: " + number);
        }
        heads = List.copyOf(Checks.notEmpty(Checks.required(heads, "heads"), "heads"));
        if (heads.stream().map(CheckpointHead::chain).distinct().count() != heads.size()) {
            throw new IllegalArgumentException("a checkpoint names each chain once");
        }
        Checks.required(signedAt, "signedAt");
        Checks.requiredText(keyId, "keyId");
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("a key id is letters, digits, - and _");
        }
        Checks.required(signature, "signature");
    }

    /** The bytes the signature covers. */
    public byte[] statement() {
        return statement(number, heads, signedAt, keyId);
    }

    /** The bytes a checkpoint with these fields signs. */
    public static byte[] statement(long number, List<CheckpointHead> heads, Instant signedAt, String keyId) {
        StringBuilder out = new StringBuilder(160 + 120 * heads.size()).append("{\"heads\":[");
        List<CheckpointHead> sorted = heads.stream().sorted(Comparator.comparing(CheckpointHead::chain)).toList();
        for (int i = 0; i < sorted.size(); i++) {
            CheckpointHead h = sorted.get(i);
            out.append(i == 0 ? "" : ",").append("{\"chain\":\"").append(h.chain()).append("\",\"hash\":\"").append(h.hash())
                    .append("\",\"seq\":").append(h.seq()).append('}');
        }
        out.append("],\"keyId\":\"").append(keyId).append("\",\"number\":").append(number)
                .append(",\"signedAt\":\"").append(CanonicalForm.time(signedAt)).append("\"}");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The head this checkpoint names for {@code chain}, if any. */
    public Optional<CheckpointHead> head(String chain) {
        return heads.stream().filter(h -> h.chain().equals(chain)).findFirst();
    }
}
