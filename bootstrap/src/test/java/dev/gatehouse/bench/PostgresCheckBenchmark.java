package dev.gatehouse.bench;

import dev.gatehouse.core.authorization.LocalAuthorizer;
import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.authorization.Relationships;
import dev.gatehouse.core.authorization.Schema;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * {@link LocalAuthorizer} over the PostgreSQL {@link Relationships} (adapter-postgres), through the
 * relationship index or not ({@link #reads}):
 * the product schema and {@link ProductDataset} with 1,000 organizations × 10 users × 10 projects
 * (+ 4,000 environments), 28,190 relationships, same tuple shape as {@link LocalCheckBenchmark} (half
 * allowed), one thread. The database is a throwaway cluster started from the installed binaries, or
 * a fresh database on {@code GATEHOUSE_TEST_DATABASE_URL} ({@link PostgresBench}); every check is one
 * read-only (repeatable read) transaction with one query per relation the evaluator reads: 2 for an
 * owner's allowed project check, 15 for a denied environment check (more for
 * {@code api_keys_write}, whose expression reads the environment's production flag too).
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 4, time = 5)
public class PostgresCheckBenchmark {
    private static final int TUPLES = 1 << 14;
    private static final int MASK = TUPLES - 1;

    @Param("1000")
    public int organizations;

    /**
     * {@code index}: the server's own authorizer, reading through its relationship index (ADR 0036),
     * warm after the verification pass; {@code database}: every check reads PostgreSQL.
     */
    @Param({"index", "database"})
    public String reads;

    private PostgresBench postgres;
    private LocalAuthorizer authorizer;
    private ProductDataset.Tuple[] tuples;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        long start = System.nanoTime();
        postgres = PostgresBench.start("check");
        Schema schema = Schema.parse(PermissionCatalog.productSchema()).value();
        authorizer = reads.equals("index") ? postgres.bean(LocalAuthorizer.class)
                : LocalAuthorizer.create(schema, postgres.relationships(), postgres.transactions(), Clock.systemUTC()).value();
        ProductDataset dataset = new ProductDataset(organizations);
        long written = dataset.load(authorizer, 5_000);
        postgres.analyze();
        tuples = dataset.tuples(TUPLES, 42);
        LocalCheckBenchmark.verify(authorizer, tuples);
        System.out.printf("%n[local/postgres] %s: %,d relationships loaded and %s verified in %.1f s%n", postgres,
                written, ProductDataset.describe(tuples), (System.nanoTime() - start) / 1e9);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Benchmark
    public boolean check() {
        ProductDataset.Tuple t = tuples[next++ & MASK];
        Result<Permissionship> r = authorizer.check(t.resource(), t.permission(), t.subject());
        return r.isOk() && r.value() == Permissionship.HAS_PERMISSION;
    }
}
