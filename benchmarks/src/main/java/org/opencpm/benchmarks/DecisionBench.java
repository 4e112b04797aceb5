package org.opencpm.benchmarks;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.opencpm.adapters.decisionindex.MemoryDecisionIndex;
import org.opencpm.adapters.vault.KeyedIdentityVault;
import org.opencpm.application.Ports;
import org.opencpm.application.decision.DecisionService;
import org.opencpm.application.port.in.DecisionQuery;
import org.opencpm.application.port.in.DecisionResult;
import org.opencpm.application.port.in.SubjectLocator;
import org.opencpm.domain.decision.Reason;
import org.opencpm.domain.decision.UsageRequest;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.testfixtures.InMemoryOpenCpm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * P1: one decision in process, with {@code subjects} × 8 purposes loaded into the real {@link
 * MemoryDecisionIndex} ({@link DecisionIndexData}), through {@link DecisionService#decide} — the
 * use case the REST resource calls, with the production vault ({@link KeyedIdentityVault}) and a
 * system clock. Random lookups: a pool of 2^20 prepared queries, each a random subject, a random
 * purpose and a contact channel, walked in order (the pool's objects are made before the
 * measurement; the request parsing they stand for is not P1's).
 *
 * <ul>
 *   <li>{@link #bySubjectId}: P1 itself, the subject named by its id;</li>
 *   <li>{@link #byPhone}: P1', the subject found by a phone number: its HMAC-SHA-256, the hash
 *       lookup, then the same decision;</li>
 *   <li>{@link #hashMapBaseline}: the floor for a Java lookup the design names, a {@code
 *       HashMap<Long, Object>} of as many boxed keys, looked up with random boxed keys (equal, not
 *       the same objects), in the same run and the same heap as the index.</li>
 * </ul>
 *
 * Run with {@code benchmarks/run-jmh.sh} (README.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
public class DecisionBench {

    private static final int POOL = 1 << 20;

    @Param("1000000")
    public int subjects;

    private DecisionService decisions;
    private DecisionQuery[] byId;
    private DecisionQuery[] byPhone;
    private Map<Long, Object> baseline;
    private Long[] baselineKeys;
    private int next;

    @Setup(Level.Trial)
    public void load() {
        DecisionIndexData data = new DecisionIndexData(13);
        InMemoryOpenCpm cpm = new InMemoryOpenCpm();
        MemoryDecisionIndex index = cpm.decisionIndex;
        KeyedIdentityVault vault = cpm.vault;
        data.defineIn(index);
        data.load(index, vault, subjects);
        Ports p = cpm.ports;
        Ports ports = new Ports(p.purposes(), p.notices(), p.subjects(), p.consents(), p.preferences(), p.audit(), p.outbox(),
                p.subscriptions(), p.deadLetters(), p.connectorRuntime(), p.idempotency(), p.confirmationTokens(), p.sendBudget(),
                index, p.decisionLog(), p.subjectStates(), p.apiKeys(), p.rightsRequests(), p.subjectKeys(), p.erasures(),
                p.shredder(), vault, p.personalCipher(), Instant::now, p.transactions());
        decisions = new DecisionService(ports);

        SplittableRandom random = new SplittableRandom(42);
        ContactChannel[] channels = {ContactChannel.SMS, ContactChannel.EMAIL, ContactChannel.PHONE, ContactChannel.APP_PUSH};
        byId = new DecisionQuery[POOL];
        byPhone = new DecisionQuery[POOL];
        for (int i = 0; i < POOL; i++) {
            int n = random.nextInt(subjects);
            PurposeCode purpose = data.purposes().get(random.nextInt(DecisionIndexData.PURPOSES)).code();
            UsageRequest usage = UsageRequest.on(channels[random.nextInt(channels.length)]);
            byId[i] = new DecisionQuery(SubjectLocator.byId(data.subjectId(n)), purpose, usage);
            byPhone[i] = new DecisionQuery(SubjectLocator.by(data.phone(n)), purpose, usage);
        }
        check();

        baseline = new HashMap<>();
        for (long key = 0; key < subjects; key++) {
            baseline.put(key * 0x9E3779B97F4A7C15L, new Object());
        }
        baselineKeys = new Long[POOL];
        for (int i = 0; i < POOL; i++) {
            baselineKeys[i] = Long.valueOf(random.nextInt(subjects) * 0x9E3779B97F4A7C15L);
        }
    }

    /** Every prepared query reaches a known subject, by id and by phone alike: no benchmark measures the unknown-subject path. */
    private void check() {
        for (int i = 0; i < 1000; i++) {
            DecisionResult id = decisions.decide(byId[i]);
            DecisionResult phone = decisions.decide(byPhone[i]);
            if (id.decision().reason() == Reason.UNKNOWN_SUBJECT || !id.decision().equals(phone.decision())
                    || !id.subjectId().equals(phone.subjectId())) {
                throw new IllegalStateException("query " + i + " did not reach its subject: " + id + " / " + phone);
            }
        }
    }

    @TearDown(Level.Iteration)
    public void reset() {
        next = 0;
    }

    @Benchmark
    public DecisionResult bySubjectId() {
        return decisions.decide(byId[next++ & (POOL - 1)]);
    }

    @Benchmark
    public DecisionResult byPhone() {
        return decisions.decide(byPhone[next++ & (POOL - 1)]);
    }

    @Benchmark
    public Object hashMapBaseline() {
        return baseline.get(baselineKeys[next++ & (POOL - 1)]);
    }
}
