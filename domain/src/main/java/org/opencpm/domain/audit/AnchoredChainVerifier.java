package org.opencpm.domain.audit;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies the audit chain against signed {@link Checkpoint checkpoints}: links and hashes as
 * {@link AuditChainVerifier} does, and besides, that every checkpoint is signed by a trusted key,
 * that the event at each checkpoint's head seq has the head's hash, and that the chain reaches the
 * newest checkpoint. So a deletion of the newest events — with every later hash and the stored
 * head rewritten — is caught as soon as a checkpoint covers them; events after the newest
 * checkpoint can still be cut unseen, and the verdict says so in its {@link VerificationResult#note()}.
 *
 * <p>Keys: the trusted keys given, and a key recorded in the chain ({@link AuditEventType#AUDIT_KEY_ADDED})
 * once a checkpoint signed by an already trusted key covers the event that records it — so a rotated
 * key is trusted through its predecessor. The report names the first broken sequence number of all
 * problems found. Constant memory in the chain's length (the checkpoints are held: a few per hour).
 *
 * <p>Only the {@link CheckpointHead#MAIN} chain exists today; heads of other chains are left to
 * their own verifier once chains are partitioned.
 */
public final class AnchoredChainVerifier {

    private final AuditChainVerifier chain;
    private final long firstSeq;
    private final Map<Long, List<Checkpoint>> bySeq = new HashMap<>();
    private final List<Checkpoint> checkpoints;
    private final Map<String, PublicKey> trusted = new HashMap<>();
    private final Map<String, RecordedKey> recorded = new LinkedHashMap<>();
    private long lastSeq;
    private long problemSeq = Long.MAX_VALUE;
    private String problem;

    private record RecordedKey(long seq, PublicKey key) {
    }

    /** Verifies a whole chain (from sequence number 1). */
    public AnchoredChainVerifier(Collection<Checkpoint> checkpoints, Collection<PublicKey> trustedKeys) {
        this(checkpoints, trustedKeys, 1, AuditChain.GENESIS);
    }

    /**
     * Verifies the part of a chain from {@code firstSeq}, whose predecessor's hash was {@code prevHash}
     * (an export from a given time): checkpoints whose head lies before it cannot be checked and are left out.
     */
    public AnchoredChainVerifier(Collection<Checkpoint> checkpoints, Collection<PublicKey> trustedKeys, long firstSeq,
                                 String prevHash) {
        this.chain = new AuditChainVerifier(firstSeq, prevHash);
        this.firstSeq = firstSeq;
        this.lastSeq = firstSeq - 1;
        this.checkpoints = checkpoints.stream().filter(c -> main(c) >= firstSeq).toList();
        for (Checkpoint c : this.checkpoints) {
            bySeq.computeIfAbsent(main(c), seq -> new ArrayList<>()).add(c);
        }
        for (PublicKey key : trustedKeys) {
            trusted.put(CheckpointSignatures.keyId(key), key);
        }
    }

    private static long main(Checkpoint c) {
        return c.head(CheckpointHead.MAIN).map(CheckpointHead::seq).orElse(0L);
    }

    /** Takes the next event; returns false once the chain is broken. */
    public boolean accept(AuditEvent event) {
        return record(event, chain.accept(event));
    }

    /**
     * Takes the next event whose content was already checked against its hash on another thread
     * ({@link AuditChainVerifier#contentMatches}); links, checkpoints and keys are checked here, in order.
     */
    public boolean accept(AuditEvent event, boolean contentMatchesHash) {
        return record(event, chain.accept(event, contentMatchesHash));
    }

    private boolean record(AuditEvent event, boolean linked) {
        if (!linked) {
            return false;
        }
        lastSeq = event.seq();
        List<Checkpoint> here = bySeq.get(event.seq());
        if (here != null) {
            for (Checkpoint c : here) {
                if (!c.head(CheckpointHead.MAIN).orElseThrow().hash().equals(event.hash())) {
                    problem(event.seq(), "checkpoint " + c.number() + " vouches for another event at " + event.seq());
                }
            }
        }
        if (event.type() == AuditEventType.AUDIT_KEY_ADDED) {
            recordKey(event);
        }
        return true;
    }

    private void recordKey(AuditEvent event) {
        try {
            List<PublicKey> keys = CheckpointSignatures.publicKeys(String.valueOf(event.detail("publicKeyPem")));
            recorded.put(CheckpointSignatures.keyId(keys.get(0)), new RecordedKey(event.seq(), keys.get(0)));
        } catch (IllegalArgumentException malformed) {
            problem(event.seq(), "the checkpoint key recorded at " + event.seq() + " is not an Ed25519 public key");
        }
    }

    private void problem(long seq, String why) {
        if (seq < problemSeq) {
            problemSeq = seq;
            problem = why;
        }
    }

    /** The verdict, the chain's head optionally checked against {@code head} (the stored head, read before the events). */
    public VerificationResult result(Optional<AuditHead> head) {
        VerificationResult links = chain.result(head);
        links.brokenAt().ifPresent(seq -> problem(seq, links.problem().orElseThrow()));
        long checked = 0;
        long anchoredThrough = 0;
        List<Checkpoint> pending = new ArrayList<>(checkpoints);
        boolean progress = true;
        while (progress) {
            progress = false;
            for (var it = pending.iterator(); it.hasNext(); ) {
                Checkpoint c = it.next();
                PublicKey key = trusted.get(c.keyId());
                if (key == null) {
                    continue;
                }
                it.remove();
                progress = true;
                long seq = main(c);
                if (!CheckpointSignatures.verifies(c, key)) {
                    problem(seq, "checkpoint " + c.number() + " has a bad signature");
                    continue;
                }
                if (seq > lastSeq && links.valid()) {
                    problem(lastSeq + 1, "events up to " + seq + " are anchored by checkpoint " + c.number()
                            + " but the chain ends at " + lastSeq);
                    continue;
                }
                if (seq > lastSeq) {
                    continue; // the links broke before it: reported there
                }
                checked++;
                anchoredThrough = Math.max(anchoredThrough, seq);
                recorded.forEach((id, k) -> {
                    if (k.seq() <= seq) {
                        trusted.putIfAbsent(id, k.key());
                    }
                });
            }
        }
        for (Checkpoint c : pending) {
            problem(main(c), "checkpoint " + c.number() + " is signed by key " + c.keyId()
                    + ", which no trusted key vouches for");
        }
        if (problem != null) {
            return VerificationResult.broken(links.events(), problemSeq, problem).anchored(checked, anchoredThrough, Optional.empty());
        }
        Optional<String> note = lastSeq > anchoredThrough
                ? Optional.of(anchoredThrough == 0
                        ? "no checkpoint anchors the chain yet: events " + firstSeq + " to " + lastSeq + " could be cut unseen"
                        : "events after checkpoint at " + anchoredThrough + " are not yet anchored")
                : Optional.empty();
        return links.anchored(checked, anchoredThrough, note);
    }

    public VerificationResult result() {
        return result(Optional.empty());
    }
}
