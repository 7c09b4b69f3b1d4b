package dev.gatehouse.bench;

import dev.gatehouse.core.authorization.LocalAuthorizer;
import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.authorization.Schema;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.memory.MemoryRelationships;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.shared.CursorPage;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Lookup-resources of {@code project#projects_read} for {@link ProductDataset#LOOKER}, who reads
 * exactly 1,000 projects: 900 as {@code member} of 90 organizations, 100 as direct {@code viewer}.
 * One operation lists all of them, page by page ({@code pageSize} per page, following the cursor),
 * and fails the run if it does not find 1,000. Stores: memory (10,000 organizations, 280,190
 * relationships, as {@link LocalCheckBenchmark}) and PostgreSQL (1,000 organizations, 28,190
 * relationships, as {@link PostgresCheckBenchmark}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 4, time = 5)
public class LookupResourcesBenchmark {
    private static final SubjectRef LOOKER = SubjectRef.of("user", ProductDataset.LOOKER);

    /** {@code postgres-index}: the server's own authorizer, reading through its relationship index (ADR 0036). */
    @Param({"memory", "postgres", "postgres-index"})
    public String store;

    @Param({"100", "1000"})
    public int pageSize;

    private PostgresBench postgres;
    private LocalAuthorizer authorizer;

    @Setup(Level.Trial)
    public void setUp() {
        long start = System.nanoTime();
        Schema schema = Schema.parse(PermissionCatalog.productSchema()).value();
        ProductDataset dataset;
        if (store.equals("memory")) {
            MemoryTransactions tx = new MemoryTransactions();
            authorizer = LocalAuthorizer.create(schema, new MemoryRelationships(tx), tx, Clock.systemUTC()).value();
            dataset = new ProductDataset(10_000);
        } else {
            postgres = PostgresBench.start("lookup");
            authorizer = store.equals("postgres-index") ? postgres.bean(LocalAuthorizer.class)
                    : LocalAuthorizer.create(schema, postgres.relationships(), postgres.transactions(), Clock.systemUTC()).value();
            dataset = new ProductDataset(1_000);
        }
        long written = dataset.load(authorizer, 5_000);
        if (postgres != null) {
            postgres.analyze();
        }
        int found = lookupAll();
        System.out.printf("%n[lookup/%s] %,d relationships loaded, %d projects found in %.1f s%n", store, written,
                found, (System.nanoTime() - start) / 1e9);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Benchmark
    public int lookupResources() {
        return lookupAll();
    }

    private int lookupAll() {
        int found = 0;
        Optional<String> cursor = Optional.empty();
        do {
            Result<CursorPage<String>> page = authorizer.lookupResources("project", "projects_read", LOOKER, cursor, pageSize);
            if (!page.isOk()) {
                throw new IllegalStateException("lookup-resources failed: " + page.failure());
            }
            found += page.value().items().size();
            cursor = page.value().nextCursor();
        } while (cursor.isPresent());
        if (found != ProductDataset.LOOKER_PROJECTS) {
            throw new IllegalStateException("found " + found + " projects, expected " + ProductDataset.LOOKER_PROJECTS);
        }
        return found;
    }
}
