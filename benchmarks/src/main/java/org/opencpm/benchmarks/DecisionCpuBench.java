package org.opencpm.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * P1 again, timed by the CPU the measuring thread used rather than by the wall clock: on a machine
 * shared with other work, a thread that waits for a core inflates JMH's wall-clock figures without
 * doing more work. Same set-up and calls as {@link DecisionBench} (it drives that class), the three
 * measurements interleaved, {@code rounds} rounds of 2^20 calls each after two warm-up rounds. Cache
 * misses caused by the other work still count.
 *
 * <pre>java -Xms6g -Xmx6g -cp … org.opencpm.benchmarks.DecisionCpuBench [subjects=1000000] [rounds=10]</pre>
 */
public final class DecisionCpuBench {

    private static final int CALLS = 1 << 20;

    private DecisionCpuBench() {
    }

    public static void main(String[] args) {
        DecisionBench bench = new DecisionBench();
        bench.subjects = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        bench.load();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String[] names = {"bySubjectId", "byPhone", "hashMapBaseline"};
        long[][] cpu = new long[names.length][rounds];
        long[][] wall = new long[names.length][rounds];
        long sink = 0;
        for (int round = -2; round < rounds; round++) {
            for (int b = 0; b < names.length; b++) {
                bench.reset();
                long cpuStart = threads.getCurrentThreadCpuTime();
                long wallStart = System.nanoTime();
                for (int i = 0; i < CALLS; i++) {
                    Object result = switch (b) {
                        case 0 -> bench.bySubjectId();
                        case 1 -> bench.byPhone();
                        default -> bench.hashMapBaseline();
                    };
                    sink += System.identityHashCode(result) & 1;
                }
                if (round >= 0) {
                    cpu[b][round] = (threads.getCurrentThreadCpuTime() - cpuStart) / CALLS;
                    wall[b][round] = (System.nanoTime() - wallStart) / CALLS;
                }
            }
        }
        System.out.printf("P1 by CPU time: %,d subjects x %d purposes, %d rounds of %,d calls (sink %d)%n", bench.subjects,
                DecisionIndexData.PURPOSES, rounds, CALLS, sink);
        for (int b = 0; b < names.length; b++) {
            System.out.printf("  %-16s CPU ns/op median %5d (min %5d, max %5d)   wall ns/op median %5d%n", names[b], median(cpu[b]),
                    min(cpu[b]), max(cpu[b]), median(wall[b]));
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long min(long[] values) {
        return java.util.Arrays.stream(values).min().orElseThrow();
    }

    private static long max(long[] values) {
        return java.util.Arrays.stream(values).max().orElseThrow();
    }
}
