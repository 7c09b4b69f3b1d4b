package dev.gatehouse.postgres;

import dev.gatehouse.core.ratelimit.RateLimitStore;
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

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

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
        return new RateLimiter(instance.getBean(RateLimitStore.class), TierResolver.fixed("free"), KeyTierLookup.none(),
                RateLimiter.Settings.defaults(), clock);
    }

    private int race(RateLimitTier tier, int threadsPerInstance, int attemptsPerThread) throws Exception {
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
                        granted += l.take("key:hot", tier).allowed() ? 1 : 0;
                    }
                    return granted;
                }));
            }
            start.countDown();
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
        assertThat(first.getBean(RateLimitStore.class).leaseSize(RateLimitTier.FREE)).isEqualTo(1);
        assertThat(race(RateLimitTier.FREE, 16, 10)).isEqualTo(60);
    }

    @Test
    void largerTiersLeaseChunksAndNeverOverGrant() throws Exception {
        int lease = first.getBean(RateLimitStore.class).leaseSize(RateLimitTier.STARTER);
        assertThat(lease).isEqualTo(20);
        int total = race(RateLimitTier.STARTER, 16, 100);
        // Never more than the bucket; short of it by at most one unspent lease per instance.
        assertThat(total).isBetween(1_200 - 2 * lease, 1_200);
    }
}
