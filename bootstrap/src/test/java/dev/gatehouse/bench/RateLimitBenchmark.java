package dev.gatehouse.bench;

import dev.gatehouse.core.memory.MemoryApiKeys;
import dev.gatehouse.core.memory.MemoryRateLimitStore;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.keys.ApiKeyTiers;
import dev.gatehouse.core.ratelimit.RateLimitDecision;
import dev.gatehouse.core.ratelimit.RateLimitStore;
import dev.gatehouse.core.ratelimit.RateLimitTier;
import dev.gatehouse.core.ratelimit.RateLimiter;
import dev.gatehouse.core.ratelimit.TierResolver;
import dev.gatehouse.core.shared.ApiKeyId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Principal;
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
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The in-process cost of one rate-limit decision, {@link RateLimiter#check(Principal)} for an API
 * key principal as the HTTP filter calls it: the key's own tier through {@link ApiKeyTiers} (a cache
 * hit), the organization's tier, and one token from the key's bucket. {@value #KEYS} keys on the
 * enterprise tier, used round-robin so buckets never run dry (the allowed path, the common one).
 *
 * <ul>
 *   <li>{@code store=memory}: {@link MemoryRateLimitStore}, every decision reaches the store (exact).</li>
 *   <li>{@code store=leased}: the shared-store path (as with PostgreSQL) with leases of 500 tokens
 *       spent locally; the lease source is in memory here, so this measures the local path plus one
 *       store call per 500 decisions, not PostgreSQL round trips.</li>
 *   <li>{@code store=postgres}: {@code JdbcRateLimitStore} on a throwaway PostgreSQL (enterprise
 *       tier, leases of 500: one upsert round trip per 500 decisions of a key).</li>
 *   <li>{@code store=postgres-free}: the same on the free tier, lease 1: every decision is one
 *       durable upsert (the exact mode), for the cost of a round trip.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class RateLimitBenchmark {
    static final int KEYS = 1 << 12;
    private static final int MASK = KEYS - 1;

    @Param({"memory", "leased", "postgres", "postgres-free"})
    public String store;

    private PostgresBench postgres;

    private RateLimiter limiter;
    private Principal[] principals;
    private int next;

    /** The leasing behaviour of a shared store over in-memory buckets. */
    private record Leasing(RateLimitStore inner, int size) implements RateLimitStore {
        public Lease take(String bucket, RateLimitTier tier, int wanted, int returned, Instant now) {
            return inner.take(bucket, tier, wanted, returned, now);
        }

        public int leaseSize(RateLimitTier tier) {
            return size;
        }

        public int purgeFull(Instant now) {
            return inner.purgeFull(now);
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        Clock clock = Clock.systemUTC();
        MemoryTransactions tx = new MemoryTransactions();
        RateLimitStore buckets = switch (store) {
            case "leased" -> new Leasing(new MemoryRateLimitStore(), 500);
            case "postgres", "postgres-free" -> {
                postgres = PostgresBench.start("ratelimit");
                yield postgres.bean(dev.gatehouse.core.platform.PlatformStores.class).rateLimitStore();
            }
            default -> new MemoryRateLimitStore();
        };
        String tier = store.equals("postgres-free") ? "free" : "enterprise";
        limiter = new RateLimiter(buckets, TierResolver.fixed(tier), new ApiKeyTiers(new MemoryApiKeys(tx), tx, clock),
                RateLimiter.Settings.defaults(), clock);
        principals = new Principal[KEYS];
        for (int i = 0; i < KEYS; i++) {
            principals[i] = new Principal.ApiKey(new ApiKeyId(UUID.randomUUID()), new OrganizationId(UUID.randomUUID()),
                    Optional.empty(), Optional.empty(), Set.of("projects:read"));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Benchmark
    public RateLimitDecision decide() {
        RateLimitDecision d = limiter.check(principals[next++ & MASK]).orElseThrow();
        if (!d.allowed()) {
            throw new IllegalStateException("bucket ran dry; the benchmark measures the allowed path");
        }
        return d;
    }
}
