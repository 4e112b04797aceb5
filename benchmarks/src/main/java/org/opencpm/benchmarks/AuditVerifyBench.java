package org.opencpm.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.opencpm.domain.audit.AnchoredChainVerifier;
import org.opencpm.domain.audit.CanonicalWriter;
import org.opencpm.domain.audit.ParallelHashing;
import org.opencpm.domain.audit.AuditChain;
import org.opencpm.domain.audit.AuditDraft;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditHead;
import org.opencpm.domain.audit.CanonicalForm;
import org.opencpm.domain.audit.Checkpoint;
import org.opencpm.domain.audit.CheckpointHead;
import org.opencpm.domain.audit.CheckpointSignatures;
import org.opencpm.domain.audit.VerificationResult;

/**
 * P8: how fast the audit chain verifies (links, SHA-256 of each event's canonical form, checkpoint
 * heads and Ed25519 signatures — {@link AnchoredChainVerifier}), in memory, on one thread, against
 * the same-run baseline: raw SHA-256 over the same canonical bytes, precomputed (the floor no
 * verifier can beat). A chain of consent events shaped like production ones (sealed details), a
 * checkpoint every 10,000 events; rounds after warm-up, best and median printed. JMH is not in the
 * offline repository this project builds from, so this is a plain program like the other
 * benchmarks here: warm-up rounds, then measured rounds, each over the whole chain.
 *
 * <pre>java -cp … org.opencpm.benchmarks.AuditVerifyBench [events, default 200000] [rounds, default 7]</pre>
 */
public final class AuditVerifyBench {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        KeyPair key = CheckpointSignatures.generate();
        List<AuditEvent> chain = new ArrayList<>(n);
        List<Checkpoint> checkpoints = new ArrayList<>();
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        for (int i = 1; i <= n; i++) {
            Instant at = t.plusMillis(i);
            AuditDraft draft = BenchEvents.consent(i, at, "marketing-sms", "key:crm", "miniprogram", "privacy-policy", "2026-01");
            chain.add(AuditChain.append(draft, chain.isEmpty() ? Optional.empty() : Optional.of(AuditHead.of(chain.get(i - 2)))));
            if (i % 10_000 == 0) {
                List<CheckpointHead> heads = List.of(CheckpointHead.main(AuditHead.of(chain.get(i - 1))));
                String keyId = CheckpointSignatures.keyId(key.getPublic());
                long number = checkpoints.size() + 1;
                checkpoints.add(new Checkpoint(number, heads, at, keyId,
                        CheckpointSignatures.sign(key.getPrivate(), Checkpoint.statement(number, heads, at, keyId))));
            }
        }
        byte[][] canonical = new byte[n][];
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            canonical[i] = CanonicalForm.of(chain.get(i)).getBytes(StandardCharsets.UTF_8);
            bytes += canonical[i].length;
        }
        System.out.printf("%,d events, %,d checkpoints, %.0f canonical bytes per event on average; %d rounds after 3 warm-up rounds%n",
                n, checkpoints.size(), (double) bytes / n, rounds);
        int threads = Runtime.getRuntime().availableProcessors();
        double[] verify = new double[rounds];
        double[] parallel = new double[rounds];
        double[] parallelBaseline = new double[rounds];
        double[] writerOnly = new double[rounds];
        double[] baseline = new double[rounds];
        double[] canonicalOnly = new double[rounds];
        double[] timesOnly = new double[rounds];
        for (int r = -3; r < rounds; r++) {
            long start = System.nanoTime();
            AnchoredChainVerifier verifier = new AnchoredChainVerifier(checkpoints, List.of(key.getPublic()));
            for (AuditEvent e : chain) {
                verifier.accept(e);
            }
            VerificationResult result = verifier.result();
            long verified = System.nanoTime() - start;
            if (!result.valid() || result.anchoredThrough() != n - n % 10_000) {
                throw new IllegalStateException("the benchmark chain does not verify: " + result);
            }
            start = System.nanoTime();
            AnchoredChainVerifier onAllCores = new AnchoredChainVerifier(checkpoints, List.of(key.getPublic()));
            ParallelHashing.feed(chain.iterator(), threads, onAllCores::accept);
            VerificationResult parallelResult = onAllCores.result();
            long verifiedInParallel = System.nanoTime() - start;
            if (!parallelResult.equals(result)) {
                throw new IllegalStateException("hashing on " + threads + " threads gave another verdict: " + parallelResult);
            }
            start = System.nanoTime();
            int half = canonical.length / 2;
            java.util.concurrent.CompletableFuture<Integer> other = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> sha256(canonical, half, canonical.length));
            int sunk = sha256(canonical, 0, half) + other.join();
            long hashedInParallel = System.nanoTime() - start;
            start = System.nanoTime();
            CanonicalWriter writer = new CanonicalWriter();
            for (AuditEvent e : chain) {
                sunk += writer.bytes(e).length;
            }
            long written = System.nanoTime() - start;
            start = System.nanoTime();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            int sink = sunk;
            for (byte[] b : canonical) {
                sink += sha.digest(b)[0];
            }
            long hashed = System.nanoTime() - start;
            start = System.nanoTime();
            for (AuditEvent e : chain) {
                sink += CanonicalForm.of(e).length();
            }
            long built = System.nanoTime() - start;
            start = System.nanoTime();
            for (AuditEvent e : chain) {
                sink += CanonicalForm.time(e.occurredAt()).length() + CanonicalForm.time(e.recordedAt()).length();
            }
            long timed = System.nanoTime() - start;
            if (r >= 0) {
                canonicalOnly[r] = n / (built / 1e9);
                timesOnly[r] = n / (timed / 1e9);
                verify[r] = n / (verified / 1e9);
                parallel[r] = n / (verifiedInParallel / 1e9);
                parallelBaseline[r] = n / (hashedInParallel / 1e9);
                writerOnly[r] = n / (written / 1e9);
                baseline[r] = n / (hashed / 1e9);
            }
            if (sink == 42) {
                System.out.print("");
            }
        }
        report("verify (anchored), 1 thread", verify);
        report("baseline: SHA-256 of the canonical bytes", baseline);
        report("verify (anchored), hashing on " + threads + " threads", parallel);
        report("baseline: SHA-256 on 2 threads", parallelBaseline);
        report("profile: canonical bytes (CanonicalWriter)", writerOnly);
        report("profile: the canonical form as text (CanonicalForm.of)", canonicalOnly);
        report("profile: formatting its two times alone", timesOnly);
    }

    private static int sha256(byte[][] all, int from, int to) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            int sink = 0;
            for (int i = from; i < to; i++) {
                sink += sha.digest(all[i])[0];
            }
            return sink;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void report(String what, double[] perSecond) {
        double[] sorted = perSecond.clone();
        Arrays.sort(sorted);
        System.out.printf("%-46s best %,.0f events/s, median %,.0f events/s%n", what, sorted[sorted.length - 1], sorted[sorted.length / 2]);
    }
}
