package dev.gatehouse.bench;

import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.entitlements.OverrideEntitlement;
import dev.gatehouse.core.entitlements.RecordUsage;
import dev.gatehouse.core.identity.CreateUser;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Origin;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.tenancy.CreateOrganization;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Durable usage records per second on one hot feature: 64 threads call the {@code RecordUsage} use
 * case (as the organization's owner: authorization check, a grant from the instance's quota lease,
 * the usage record with metadata stored in a group commit; ADR 0039) for the same organization and
 * feature ({@code api_calls}, a hard limit far above what a run reaches), on PostgreSQL wired as
 * {@code serve} wires it ({@link PostgresBench}). {@code -p cluster=durable} runs it on a throwaway
 * cluster with {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} on, as a
 * production server; {@code fsync-off} on the test harness's usual cluster.
 * At the end of the trial it checks that the counter equals the number of grants and of stored
 * records, then races 64 writers × 50 attempts against 100 remaining units: exactly 100 must be
 * granted (zero over-grant); the trial fails otherwise.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(64)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 4, time = 10)
@Measurement(iterations = 3, time = 10)
public class UsageRecordBenchmark {
    private static final String FEATURE = "api_calls";

    /** {@code durable}: every commit flushed to disk; {@code fsync-off}: the test harness's cluster. */
    @Param({"fsync-off", "durable"})
    public String cluster;

    private PostgresBench postgres;
    private Gatehouse gatehouse;
    private Caller owner;
    private OrganizationId org;
    private final AtomicLong granted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() {
        // Read by the test harness when it starts the throwaway cluster (not by an external server).
        System.setProperty("gatehouse.test.pg.durable", Boolean.toString("durable".equals(cluster)));
        postgres = PostgresBench.start("usage");
        gatehouse = postgres.bean(Gatehouse.class);
        var user = gatehouse.identity().createUser().handle(new CreateUser.Command(Caller.system("bench"), "owner@example.com",
                "a long benchmark password", "Owner", false)).value();
        owner = new Caller(new Principal.User(user.id(), "owner@example.com", false), Origin.none());
        org = gatehouse.tenancy().createOrganization().handle(new CreateOrganization.Command(owner, "Metered", null, null, null)).value().id();
        Result<?> set = gatehouse.entitlements().overrideEntitlement().handle(new OverrideEntitlement.Command(Caller.system("bench"), org, FEATURE,
                1_000_000_000L, "month", false));
        if (!set.isOk()) {
            throw new IllegalStateException(set.failure().toString());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        try {
            verify();
        } finally {
            postgres.close();
        }
    }

    @Benchmark
    public boolean record() {
        Result<?> r = gatehouse.entitlements().recordUsage().handle(new RecordUsage.Command(owner, org, FEATURE, 1L,
                Map.of("endpoint", "/api/v1/posts")));
        (r.isOk() ? granted : refused).incrementAndGet();
        return r.isOk();
    }

    private void verify() throws Exception {
        long used = postgres.queryLong("SELECT coalesce(sum(used), 0) FROM usage_counters WHERE feature = '" + FEATURE + "'");
        long records = postgres.queryLong("SELECT count(*) FROM usage_records WHERE feature = '" + FEATURE + "'");
        long fsync = postgres.queryLong("SELECT (current_setting('fsync') = 'on' AND current_setting('synchronous_commit') = 'on')::int");
        System.out.printf("%n[usage] %s: %,d granted, %,d refused; counter %,d, records %,d%n", fsync == 1 ? "durable (fsync and "
                + "synchronous_commit on)" : "fsync off", granted.get(), refused.get(), used, records);
        // Load-independent: how many WAL flushes and transactions (read-only ones too) the trial cost per record.
        long walSyncs = postgres.queryLong("SELECT wal_sync FROM pg_stat_wal");
        long writes = postgres.queryLong("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
        System.out.printf("[usage] %,d WAL syncs (%.3f per record), %,d commits in the database (%.3f per record)%n",
                walSyncs, walSyncs / (double) Math.max(1, granted.get()), writes, writes / (double) Math.max(1, granted.get()));
        if (used != granted.get() || records != granted.get() || refused.get() != 0) {
            throw new IllegalStateException("the counter, the records and the grants disagree");
        }
        // Zero over-grant: 100 units left, 64 writers × 50 attempts.
        gatehouse.entitlements().overrideEntitlement().handle(new OverrideEntitlement.Command(Caller.system("bench"), org, FEATURE,
                used + 100, "month", false)).value();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            results.add(pool.submit(() -> {
                go.await();
                int mine = 0;
                for (int j = 0; j < 50; j++) {
                    mine += gatehouse.entitlements().recordUsage().handle(new RecordUsage.Command(owner, org, FEATURE, 1L, Map.of())).isOk() ? 1 : 0;
                }
                return mine;
            }));
        }
        go.countDown();
        int raced = 0;
        for (Future<Integer> f : results) {
            raced += f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdownNow();
        long after = postgres.queryLong("SELECT coalesce(sum(used), 0) FROM usage_counters WHERE feature = '" + FEATURE + "'");
        System.out.printf("[usage] over-grant probe: %d of 3,200 attempts granted against 100 remaining; counter %,d (limit %,d)%n",
                raced, after, used + 100);
        if (raced != 100 || after != used + 100) {
            throw new IllegalStateException("over-grant: " + raced + " granted against 100 remaining");
        }
    }
}
