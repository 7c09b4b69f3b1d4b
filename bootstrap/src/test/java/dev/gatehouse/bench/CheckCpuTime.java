package dev.gatehouse.bench;

import dev.gatehouse.core.authorization.LocalAuthorizer;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.shared.Result;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * The thread CPU time and the bytes allocated per check of {@link LocalCheckBenchmark} (same data,
 * same tuples, same call), in rounds: measures that other processes on a busy machine disturb far
 * less than wall-clock time, for before/after pairs taken in one window. Not a JMH benchmark:
 *
 * <pre>scripts/bench-java.sh dev.gatehouse.bench.CheckCpuTime [rounds] [checks per round]</pre>
 *
 * (defaults 6 and 200,000, after 400,000 checks of warm-up); prints every round and the median.
 */
public final class CheckCpuTime {
    private CheckCpuTime() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int checks = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        LocalAuthorizer authorizer = LocalCheckBenchmark.memoryAuthorizer();
        ProductDataset dataset = new ProductDataset(10_000);
        dataset.load(authorizer, 5_000);
        ProductDataset.Tuple[] tuples = dataset.tuples(LocalCheckBenchmark.TUPLES, 42);
        LocalCheckBenchmark.verify(authorizer, tuples);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        int[] next = {0};
        long allowed = run(authorizer, tuples, next, 400_000);
        double[] cpu = new double[rounds];
        double[] bytes = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long cpuBefore = threads.getCurrentThreadCpuTime();
            long bytesBefore = threads.getThreadAllocatedBytes(thread);
            allowed += run(authorizer, tuples, next, checks);
            cpu[r] = (threads.getCurrentThreadCpuTime() - cpuBefore) / 1e3 / checks;
            bytes[r] = (double) (threads.getThreadAllocatedBytes(thread) - bytesBefore) / checks;
            System.out.printf("round %d: %.3f µs CPU, %.0f B allocated per check%n", r, cpu[r], bytes[r]);
        }
        Arrays.sort(cpu);
        Arrays.sort(bytes);
        System.out.printf("median of %d rounds of %,d checks: %.3f µs CPU (least %.3f), %.0f B allocated per check"
                + " (%,d allowed)%n", rounds, checks, cpu[rounds / 2], cpu[0], bytes[rounds / 2], allowed);
    }

    private static long run(LocalAuthorizer authorizer, ProductDataset.Tuple[] tuples, int[] next, int checks) {
        long allowed = 0;
        for (int i = 0; i < checks; i++) {
            ProductDataset.Tuple t = tuples[next[0]++ & (LocalCheckBenchmark.TUPLES - 1)];
            Result<Permissionship> r = authorizer.check(t.resource(), t.permission(), t.subject());
            if (r.isOk() && r.value() == Permissionship.HAS_PERMISSION) {
                allowed++;
            }
        }
        return allowed;
    }
}
