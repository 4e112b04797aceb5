package org.opencpm.application.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.opencpm.application.port.in.AnchorAuditUseCase;
import org.opencpm.application.port.in.VerifyAuditUseCase;
import org.opencpm.application.port.out.AuditCheckpoints;
import org.opencpm.application.port.out.AuditTrail;
import org.opencpm.application.port.out.CheckpointSigner;
import org.opencpm.application.port.out.Clock;
import org.opencpm.application.port.out.Transactions;
import org.opencpm.domain.audit.AnchoredChainVerifier;
import org.opencpm.domain.audit.ParallelHashing;
import org.opencpm.domain.audit.AuditDraft;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.audit.AuditHead;
import org.opencpm.domain.audit.Checkpoint;
import org.opencpm.domain.audit.CheckpointHead;
import org.opencpm.domain.audit.CheckpointKey;
import org.opencpm.domain.audit.CheckpointSignatures;
import org.opencpm.domain.audit.VerificationResult;

/**
 * Anchors the audit chain (PIPL Art. 54–56): signs its head in a checkpoint on demand and every
 * few minutes, and verifies links, hashes, checkpoints and signatures in one pass. A key that
 * signs for the first time is first recorded in the chain itself ({@link AuditEventType#AUDIT_KEY_ADDED}),
 * so its public key is covered by the checkpoints after it and survives rotation.
 */
public final class AuditAnchorService implements AnchorAuditUseCase, VerifyAuditUseCase {

    private final AuditTrail audit;
    private final AuditCheckpoints checkpoints;
    private final CheckpointSigner signer;
    private final Transactions transactions;
    private final Clock clock;

    public AuditAnchorService(AuditTrail audit, AuditCheckpoints checkpoints, CheckpointSigner signer, Transactions transactions,
                              Clock clock) {
        this.audit = audit;
        this.checkpoints = checkpoints;
        this.signer = signer;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Signs the head. Nothing new since the latest checkpoint: that one is returned, no new one
     * taken (a quiet system does not fill the table). Two at once: one wins the number, the other
     * fails with a conflict and signs nothing.
     */
    @Override
    public synchronized Optional<Checkpoint> checkpoint() {
        recordKeyInUse();
        Optional<AuditHead> head = audit.head();
        Optional<Checkpoint> latest = checkpoints.latest();
        if (head.isEmpty()) {
            return latest;
        }
        CheckpointHead main = CheckpointHead.main(head.get());
        if (latest.isPresent() && latest.get().head(CheckpointHead.MAIN).filter(main::equals).isPresent()
                && latest.get().keyId().equals(signer.keyId())) {
            return latest;
        }
        long number = latest.map(Checkpoint::number).orElse(0L) + 1;
        List<CheckpointHead> heads = List.of(main);
        Instant now = clock.now();
        String signature = signer.sign(Checkpoint.statement(number, heads, now, signer.keyId()));
        Checkpoint checkpoint = new Checkpoint(number, heads, now, signer.keyId(), signature);
        checkpoints.add(checkpoint);
        return Optional.of(checkpoint);
    }

    private void recordKeyInUse() {
        String keyId = signer.keyId();
        if (checkpoints.keys().stream().anyMatch(k -> k.keyId().equals(keyId))) {
            return;
        }
        String pem = CheckpointSignatures.publicPem(signer.publicKey());
        Instant now = clock.now();
        transactions.inTransaction(() -> audit.append(AuditDraft.of(AuditEventType.AUDIT_KEY_ADDED, null, null, null, now, now,
                "system", null, null, null, Map.of("keyId", keyId, "algorithm", CheckpointSignatures.ALGORITHM,
                        "publicKeyPem", pem))));
        checkpoints.addKey(new CheckpointKey(keyId, CheckpointSignatures.ALGORITHM, pem, now));
    }

    @Override
    public List<Checkpoint> checkpoints() {
        return checkpoints.all();
    }

    @Override
    public List<CheckpointKey> publicKeys() {
        return checkpoints.keys();
    }

    /**
     * Reads the checkpoints, then the stored head, then the events up to that head (in that order,
     * so a checkpoint or an append made meanwhile is never taken for a cut), and checks them together;
     * the hashes are recomputed on every core while the events are read ({@link ParallelHashing}).
     */
    @Override
    public VerificationResult verify() {
        List<Checkpoint> signed = checkpoints.all();
        Optional<AuditHead> head = audit.head();
        AnchoredChainVerifier verifier = new AnchoredChainVerifier(signed, signer.trustedKeys());
        long through = head.map(AuditHead::seq).orElse(0L);
        try (Stream<AuditEvent> events = audit.events(Optional.empty(), Optional.empty())) {
            ParallelHashing.feed(events.takeWhile(e -> e.seq() <= through).iterator(), Runtime.getRuntime().availableProcessors(),
                    verifier::accept);
        }
        return verifier.result(head);
    }
}
