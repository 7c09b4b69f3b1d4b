package dev.gatehouse.bench;

import dev.gatehouse.core.authorization.LocalAuthorizer;
import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.authorization.Schema;
import dev.gatehouse.core.memory.MemoryRelationships;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.shared.Result;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Check throughput and latency of {@link LocalAuthorizer} over the memory store on the product
 * schema ({@code gatehouse.zed}): {@link ProductDataset} with 10,000 organizations × 10 users × 10
 * projects (+ 40,000 environments), 280,190 relationships, written in batches of 5,000 through
 * {@link LocalAuthorizer#write}. Each operation checks the next of {@value #TUPLES} pre-generated
 * tuples (half allowed, half denied; see {@link ProductDataset#tuples}) in the public API's terms
 * ({@code check(ObjectRef, permission, SubjectRef)}, a read transaction, schema validation and the
 * evaluation), one thread. Peer: {@link CasbinCheckBenchmark}, same tuples.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 5, time = 5)
public class LocalCheckBenchmark {
    static final int TUPLES = 1 << 16;
    private static final int MASK = TUPLES - 1;

    @Param("10000")
    public int organizations;

    private LocalAuthorizer authorizer;
    private ProductDataset.Tuple[] tuples;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        long start = System.nanoTime();
        authorizer = memoryAuthorizer();
        ProductDataset dataset = new ProductDataset(organizations);
        long written = dataset.load(authorizer, 5_000);
        tuples = dataset.tuples(TUPLES, 42);
        verify(authorizer, tuples);
        System.out.printf("%n[local/memory] %,d relationships loaded and %s verified in %.1f s%n", written,
                ProductDataset.describe(tuples), (System.nanoTime() - start) / 1e9);
    }

    /** An authorizer on the product schema over an empty memory store. */
    static LocalAuthorizer memoryAuthorizer() {
        MemoryTransactions tx = new MemoryTransactions();
        Schema schema = Schema.parse(PermissionCatalog.productSchema()).value();
        return LocalAuthorizer.create(schema, new MemoryRelationships(tx), tx, Clock.systemUTC()).value();
    }

    /** Fails the run when the evaluator disagrees with the expected answer of any tuple. */
    static void verify(LocalAuthorizer authorizer, ProductDataset.Tuple[] tuples) {
        for (ProductDataset.Tuple t : tuples) {
            Result<Permissionship> r = authorizer.check(t.resource(), t.permission(), t.subject());
            if (!r.isOk() || (r.value() == Permissionship.HAS_PERMISSION) != t.expected()) {
                throw new IllegalStateException("the evaluator answers " + r + " for " + t);
            }
        }
    }

    @Benchmark
    public boolean check() {
        ProductDataset.Tuple t = tuples[next++ & MASK];
        Result<Permissionship> r = authorizer.check(t.resource(), t.permission(), t.subject());
        return r.isOk() && r.value() == Permissionship.HAS_PERMISSION;
    }
}
