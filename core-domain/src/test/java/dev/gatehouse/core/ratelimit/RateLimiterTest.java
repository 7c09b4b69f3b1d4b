package dev.gatehouse.core.ratelimit;

import dev.gatehouse.core.testing.Queued;
import dev.gatehouse.core.testing.Race;
import dev.gatehouse.core.FastHasher;
import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.keys.IssueApiKey;
import dev.gatehouse.core.keys.VerifyApiKey;
import dev.gatehouse.core.memory.MemoryRateLimitStore;
import dev.gatehouse.core.shared.ApiKeyId;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Origin;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.shared.UserId;
import dev.gatehouse.core.tenancy.CreateOrganization;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private final TestClock clock = new TestClock(T0);
    private final OrganizationId org = new OrganizationId(UUID.randomUUID());
    private final ApiKeyId keyId = new ApiKeyId(UUID.randomUUID());

    private RateLimiter limiter(RateLimitStore store, String orgTier, Map<ApiKeyId, String> ownTiers, RateLimiter.Settings s) {
        return new RateLimiter(store, TierResolver.fixed(orgTier), k -> Optional.ofNullable(ownTiers.get(k)), s, clock);
    }

    private Principal.ApiKey key() {
        return new Principal.ApiKey(keyId, org, Optional.empty(), Optional.empty(), Set.of());
    }

    private static Principal.User user(boolean admin) {
        return new Principal.User(new UserId(UUID.randomUUID()), "u@example.com", admin);
    }

    @Nested
    class Tiers {
        @Test
        void capacitiesAndWindowsFollowTheTable() {
            assertThat(RateLimitTier.BUILT_IN).extracting(RateLimitTier::capacity)
                    .containsExactly(60L, 1_200L, 6_500L, 30_000L, 200_000L);
            assertThat(RateLimitTier.BUILT_IN).extracting(RateLimitTier::windowSeconds)
                    .containsExactly(60L, 72L, 78L, 90L, 120L);
            assertThat(RateLimitTier.named(" Pro ")).contains(RateLimitTier.PRO);
            assertThat(RateLimitTier.named("platinum")).isEmpty();
        }

        @Test
        void aKeysOwnTierOnlyLowersItsOrganizations() {
            var l = limiter(new MemoryRateLimitStore(), "pro", Map.of(), RateLimiter.Settings.defaults());
            assertThat(l.tierOfKey(org, "free")).isEqualTo(RateLimitTier.FREE);
            assertThat(l.tierOfKey(org, "enterprise")).isEqualTo(RateLimitTier.PRO);
            assertThat(l.tierOfKey(org, null)).isEqualTo(RateLimitTier.PRO);
            var unknownOrgTier = limiter(new MemoryRateLimitStore(), "platinum", Map.of(), RateLimiter.Settings.defaults());
            assertThat(unknownOrgTier.tierOfKey(org, null)).isEqualTo(RateLimitTier.FREE);
        }
    }

    @Nested
    class Decisions {
        @Test
        void aFreeKeyGetsSixtyThenWaitsOneSecondPerRequest() {
            var l = limiter(new MemoryRateLimitStore(), "free", Map.of(), RateLimiter.Settings.defaults());
            RateLimitDecision first = l.check(key()).orElseThrow();
            assertThat(first.allowed()).isTrue();
            assertThat(first.limit()).isEqualTo(60);
            assertThat(first.remaining()).isEqualTo(59);
            assertThat(first.resetSeconds(clock.instant())).isEqualTo(1);
            for (int i = 2; i <= 60; i++) {
                assertThat(l.check(key()).orElseThrow().remaining()).isEqualTo(60 - i);
            }
            RateLimitDecision refused = l.check(key()).orElseThrow();
            assertThat(refused.allowed()).isFalse();
            assertThat(refused.remaining()).isZero();
            assertThat(refused.retryAfterSeconds()).isEqualTo(1);
            assertThat(refused.resetSeconds(clock.instant())).isEqualTo(60);

            clock.advance(Duration.ofMillis(999));
            assertThat(l.check(key()).orElseThrow().allowed()).isFalse();
            clock.advance(Duration.ofMillis(1));
            assertThat(l.check(key()).orElseThrow().allowed()).isTrue();
            clock.advance(Duration.ofMinutes(1));
            assertThat(l.check(key()).orElseThrow().remaining()).isEqualTo(59);
        }

        @Test
        void theKeysOwnLowerTierApplies() {
            var l = limiter(new MemoryRateLimitStore(), "enterprise", Map.of(keyId, "free"), RateLimiter.Settings.defaults());
            assertThat(l.check(key()).orElseThrow().limit()).isEqualTo(60);
        }

        @Test
        void sessionsAdminsSystemAndOff() {
            var l = limiter(new MemoryRateLimitStore(), "free", Map.of(), RateLimiter.Settings.defaults());
            assertThat(l.check(user(false)).orElseThrow().tier()).isEqualTo(RateLimitTier.PRO);
            assertThat(l.check(user(true)).orElseThrow().tier()).isEqualTo(RateLimitTier.ENTERPRISE);
            assertThat(l.check(new Principal.System("job"))).isEmpty();
            assertThat(l.check(new Principal.Anonymous())).isEmpty();
            var starter = limiter(new MemoryRateLimitStore(), "free", Map.of(),
                    RateLimiter.Settings.defaults().withSessionTier(RateLimitTier.STARTER));
            assertThat(starter.check(user(false)).orElseThrow().limit()).isEqualTo(1_200);
            var off = limiter(new MemoryRateLimitStore(), "free", Map.of(), RateLimiter.Settings.off());
            assertThat(off.check(key())).isEmpty();
            assertThat(off.admitApiKey(keyId, org, null)).isTrue();
        }

        @Test
        void aUsersBucketIsSharedByItsSessionsAndSeparateFromOtherUsers() {
            var l = limiter(new MemoryRateLimitStore(), "free", Map.of(),
                    RateLimiter.Settings.defaults().withSessionTier(RateLimitTier.FREE));
            Principal.User ada = user(false);
            for (int i = 0; i < 60; i++) {
                assertThat(l.check(ada).orElseThrow().allowed()).isTrue();
            }
            Principal.User sameAdaOtherSession = new Principal.User(ada.userId(), ada.email(), false);
            assertThat(l.check(sameAdaOtherSession).orElseThrow().allowed()).isFalse();
            assertThat(l.check(user(false)).orElseThrow().allowed()).isTrue();
        }
    }

    /** A shared store that leases chunks, as PostgreSQL does, over the in-memory buckets. */
    private static final class Leasing implements RateLimitStore {
        private final RateLimitStore inner;
        private final int size;

        Leasing(RateLimitStore inner, int size) {
            this.inner = inner;
            this.size = size;
        }

        @Override
        public Lease take(String bucket, RateLimitTier tier, int wanted, int returned, Instant now) {
            return inner.take(bucket, tier, wanted, returned, now);
        }

        @Override
        public int leaseSize(RateLimitTier tier) {
            return size;
        }

        @Override
        public int purgeFull(Instant now) {
            return inner.purgeFull(now);
        }
    }

    @Nested
    class Leases {
        /**
         * When the shared store does not answer, callers of one bucket queue on its lease: each must not
         * then wait out its own timeout in turn (the n-th caller answering after n timeouts, seen with a
         * hung database). A caller that waited for a failing store call fails with it at once; a caller
         * that comes after the failure asks the store again.
         */
        @Test
        void callersWaitingForALeaseShareTheFailureOfTheStoreCallTheyWaitedFor() throws Exception {
            CountDownLatch inStore = new CountDownLatch(1);
            CountDownLatch answer = new CountDownLatch(1);
            AtomicInteger calls = new AtomicInteger();
            RuntimeException down = new IllegalStateException("the store did not answer in time");
            RateLimitStore hung = new RateLimitStore() {
                @Override
                public Lease take(String bucket, RateLimitTier tier, int wanted, int returned, Instant now) {
                    if (calls.incrementAndGet() == 1) {
                        inStore.countDown();
                        try {
                            answer.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        throw down;
                    }
                    return new Lease(wanted, RateLimitStore.nanos(now));
                }

                @Override
                public int leaseSize(RateLimitTier tier) {
                    return 100;
                }

                @Override
                public int purgeFull(Instant now) {
                    return 0;
                }
            };
            var l = limiter(hung, "pro", Map.of(), RateLimiter.Settings.defaults());
            Principal.User ada = user(false);
            Queued first = Queued.start(() -> l.check(ada));
            assertThat(inStore.await(30, TimeUnit.SECONDS)).isTrue();
            Queued waiter = Queued.behindALock(() -> l.check(ada));
            answer.countDown();
            assertThat(first.failure()).isSameAs(down);
            assertThat(waiter.failure()).as("the waiter fails with the call it waited for").isSameAs(down);
            assertThat(calls).as("without asking the store again").hasValue(1);
            assertThat(l.check(ada).orElseThrow().allowed()).as("a later caller asks again").isTrue();
            assertThat(calls).hasValue(2);
        }

        @Test
        void twoInstancesLeasingFromOneBucketNeverGrantMoreThanItHolds() throws Exception {
            RateLimitStore shared = new MemoryRateLimitStore();
            var a = limiter(new Leasing(shared, 100), "pro", Map.of(), RateLimiter.Settings.defaults());
            var b = limiter(new Leasing(shared, 100), "pro", Map.of(), RateLimiter.Settings.defaults());
            int threads = 32;
            List<Integer> granted = Race.run(threads, threads, t -> () -> {
                RateLimiter l = t % 2 == 0 ? a : b;
                int mine = 0;
                for (int i = 0; i < 400; i++) {
                    mine += l.check(key()).orElseThrow().allowed() ? 1 : 0;
                }
                return mine;
            });
            // Never more than the bucket; at most one unspent lease per instance short of it.
            assertThat(granted.stream().mapToInt(Integer::intValue).sum()).isBetween(6_500 - 2 * 100, 6_500);
        }

        @Test
        void anUnspentLeaseIsPutBackAfterItLapses() {
            RateLimitStore shared = new MemoryRateLimitStore();
            var a = limiter(new Leasing(shared, 10), "free", Map.of(), RateLimiter.Settings.defaults());
            assertThat(a.check(key()).orElseThrow().remaining()).isEqualTo(59); // leased 10, spent 1
            assertThat(shared.take("key:" + keyId.text(), RateLimitTier.FREE, 100, 0, clock.instant()).granted()).isEqualTo(50);
            clock.advance(RateLimiter.Settings.DEFAULT_LEASE_TTL);
            // 1 s refilled one token; the 9 unspent come back with the next lease.
            RateLimitDecision next = a.check(key()).orElseThrow();
            assertThat(next.allowed()).isTrue();
            assertThat(shared.take("key:" + keyId.text(), RateLimitTier.FREE, 100, 0, clock.instant()).granted()).isZero();
            assertThat(next.remaining()).isEqualTo(9);
        }
    }

    @Nested
    class Verification {
        @Test
        void verifyingAFreeKeyConsumesItsBucketAndReportsRateLimited() {
            Gatehouse g = Gatehouse.builder().clock(clock).passwordHasher(new FastHasher()).build();
            Caller owner = new Caller(user(false), Origin.none());
            OrganizationId o = g.tenancy().createOrganization().handle(new CreateOrganization.Command(owner, "Acme", null, null, null)).value().id();
            IssueApiKey.Issued issued = g.keys().issueApiKey().handle(new IssueApiKey.Command(owner, o, null, null, "backend",
                    List.of("projects:read"), null, "free")).value();
            String secret = issued.secret().reveal();
            for (int i = 0; i < 60; i++) {
                assertThat(verify(g, owner, secret)).isEqualTo(VerifyApiKey.Code.VALID);
            }
            assertThat(verify(g, owner, secret)).isEqualTo(VerifyApiKey.Code.RATE_LIMITED);
            clock.advance(Duration.ofSeconds(1));
            assertThat(verify(g, owner, secret)).isEqualTo(VerifyApiKey.Code.VALID);
        }

        private VerifyApiKey.Code verify(Gatehouse g, Caller who, String secret) {
            return g.keys().verifyApiKey().handle(new VerifyApiKey.Command(who, secret, null)).value().code();
        }
    }
}
