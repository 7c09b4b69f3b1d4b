package dev.gatehouse.postgres;

import dev.gatehouse.core.ratelimit.RateLimitTier;
import dev.gatehouse.core.ratelimit.RateLimiter;
import dev.gatehouse.core.ratelimit.KeyTierLookup;
import dev.gatehouse.core.ratelimit.TierResolver;
import dev.gatehouse.postgres.testing.TestPostgres;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.gatehouse.core.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two "instances" (two application contexts, each with its own connection pool and limiter) on one
 * database enforce one limit: racing threads on both never get more grants than the bucket holds.
 */
class PostgresRateLimitAcrossInstancesTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();
    private static ApplicationContext first;
    private static ApplicationContext second;
    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T12:00:00Z"));

    @BeforeAll
    static void startInstances() {
        first = AdapterContext.start(POSTGRES.database());
        second = AdapterContext.start(POSTGRES.database());
    }

    @AfterAll
    static void stopInstances() {
        second.close();
        first.close();
    }

    @BeforeEach
    void emptyBuckets() {
        POSTGRES.database().truncateAllTables();
    }

    private RateLimiter limiter(ApplicationContext instance) {
        return new RateLimiter(instance.getBean(dev.gatehouse.core.platform.PlatformStores.class).rateLimitStore(), TierResolver.fixed("free"), KeyTierLookup.none(),
                RateLimiter.Settings.defaults(), clock);
    }

    private int race(RateLimitTier tier, int threadsPerInstance, int attemptsPerThread) throws Exception {
        return race(tier, threadsPerInstance, attemptsPerThread, () -> { });
    }

    private final java.util.concurrent.atomic.AtomicInteger grantsSoFar = new java.util.concurrent.atomic.AtomicInteger();

    /** Threads on both instances take tokens while {@code meanwhile} runs (it may move the clock). */
    private int race(RateLimitTier tier, int threadsPerInstance, int attemptsPerThread, Runnable meanwhile) throws Exception {
        RateLimiter a = limiter(first);
        RateLimiter b = limiter(second);
        ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerInstance);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 2 * threadsPerInstance; t++) {
                RateLimiter l = t % 2 == 0 ? a : b;
                results.add(pool.submit(() -> {
                    start.await();
                    int granted = 0;
                    for (int i = 0; i < attemptsPerThread; i++) {
                        if (l.take("key:hot", tier).allowed()) {
                            granted++;
                            grantsSoFar.incrementAndGet();
                        }
                    }
                    return granted;
                }));
            }
            start.countDown();
            meanwhile.run();
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get(120, TimeUnit.SECONDS);
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theFreeTierIsExactAcrossInstances() throws Exception {
        assertThat(first.getBean(dev.gatehouse.core.platform.PlatformStores.class).rateLimitStore().leaseSize(RateLimitTier.FREE)).isEqualTo(1);
        assertThat(race(RateLimitTier.FREE, 16, 10)).isEqualTo(60);
    }

    @Test
    void largerTiersLeaseChunksAndNeverOverGrant() throws Exception {
        int lease = first.getBean(dev.gatehouse.core.platform.PlatformStores.class).rateLimitStore().leaseSize(RateLimitTier.STARTER);
        assertThat(lease).isEqualTo(20);
        int total = race(RateLimitTier.STARTER, 16, 100);
        // Never more than the bucket; short of it by at most one unspent lease per instance.
        assertThat(total).isBetween(1_200 - 2 * lease, 1_200);
    }

    @Test
    void asTimePassesGrantsStayWithinTheBucketPlusRefillPlusOneLeaseLifetime() throws Exception {
        // Starter: bucket 1,200, 1,000 per minute; 20 steps of 500 ms = 10 s of refill (~167 tokens).
        Duration step = Duration.ofMillis(500);
        int steps = 20;
        grantsSoFar.set(0);
        int total = race(RateLimitTier.STARTER, 8, 400, () -> {
            // Move the clock while the threads are taking tokens: each step once the grants have
            // moved on (or after 2 s of real time, should the threads be starved or done).
            for (int i = 0; i < steps; i++) {
                int seen = grantsSoFar.get();
                long until = System.nanoTime() + 2_000_000_000L;
                while (grantsSoFar.get() < seen + 20 && System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                clock.advance(step);
            }
        });
        double elapsedSeconds = steps * step.toMillis() / 1000.0;
        double bound = 1_200 + 1_000 / 60.0 * (elapsedSeconds + RateLimiter.Settings.DEFAULT_LEASE_TTL.toSeconds());
        System.out.printf("two instances, %.0f s of clock: %d grants (bound %.0f)%n", elapsedSeconds, total, bound);
        assertThat(total).isGreaterThanOrEqualTo(1_200 - 2 * 20).isLessThanOrEqualTo((int) Math.ceil(bound));
    }
}
