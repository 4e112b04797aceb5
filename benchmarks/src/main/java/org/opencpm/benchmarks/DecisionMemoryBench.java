package org.opencpm.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.opencpm.adapters.decisionindex.MemoryDecisionIndex;
import org.opencpm.adapters.vault.KeyedIdentityVault;

/**
 * P2: the heap a decision index holds for {@code subjects} subjects × 8 purposes ({@link
 * DecisionIndexData}, identifier hashes included), after full collections, per subject. The
 * baseline is the same process with the same index empty (purposes and notices defined), measured
 * first; the figure is the difference divided by the number of subjects. Then the class histogram
 * ({@code jcmd <pid> GC.class_histogram}, asked of this JVM through its diagnostic-command MBean)
 * says what occupies it.
 *
 * <pre>java -Xmx6g -cp … org.opencpm.benchmarks.DecisionMemoryBench [subjects=1000000] [histogram lines=25]</pre>
 */
public final class DecisionMemoryBench {

    private DecisionMemoryBench() {
    }

    public static void main(String[] args) throws Exception {
        int subjects = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int lines = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        DecisionIndexData data = new DecisionIndexData(13);
        KeyedIdentityVault vault = KeyedIdentityVault.withRandomKeys();
        MemoryDecisionIndex index = new MemoryDecisionIndex();
        data.defineIn(index);

        long empty = usedAfterFullGc();
        long started = System.nanoTime();
        data.load(index, vault, subjects);
        long loadMillis = (System.nanoTime() - started) / 1_000_000;
        long loaded = usedAfterFullGc();

        System.out.printf("P2 decision memory: %,d subjects x %d purposes loaded in %,d ms%n", subjects, DecisionIndexData.PURPOSES, loadMillis);
        System.out.printf("  heap used after full GC, empty index (baseline): %,d bytes%n", empty);
        System.out.printf("  heap used after full GC, loaded index:           %,d bytes%n", loaded);
        System.out.printf("  per subject: %,d bytes (target <= 200)%n", (loaded - empty) / subjects);
        System.out.printf("  JVM: %s %s, %s, max heap %,d MB%n", System.getProperty("java.vm.name"), System.getProperty("java.version"),
                ManagementFactory.getRuntimeMXBean().getInputArguments(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("Class histogram (top " + lines + "):");
        String histogram = classHistogram();
        histogram.lines().limit(lines + 3L).forEach(line -> System.out.println("  " + line));
        Reference.reachabilityFence(index);
    }

    private static long usedAfterFullGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static String classHistogram() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        return (String) server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
    }
}
