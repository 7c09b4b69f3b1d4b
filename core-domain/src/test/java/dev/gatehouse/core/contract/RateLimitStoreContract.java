package dev.gatehouse.core.contract;

import dev.gatehouse.core.testing.Race;
import dev.gatehouse.core.ratelimit.RateLimitStore;
import dev.gatehouse.core.ratelimit.RateLimitTier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.gatehouse.core.contract.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** The behaviour every {@link RateLimitStore} shows: GCRA token buckets, atomic per bucket. Each test gets an empty store. */
public abstract class RateLimitStoreContract {
    private static final RateLimitTier TEN = new RateLimitTier("ten", 10, 50); // capacity 15, one token per 6 s

    protected abstract RateLimitStore store();

    private RateLimitStore store;

    @BeforeEach
    void freshStore() {
        store = store();
    }

    @Test
    void aFreshBucketIsFullAndEmptiesAtItsCapacity() {
        int granted = 0;
        for (int i = 0; i < 20; i++) {
            granted += store.take("b", TEN, 1, 0, T0).granted();
        }
        assertThat(granted).isEqualTo(15);
        RateLimitStore.Lease refused = store.take("b", TEN, 1, 0, T0);
        assertThat(refused.granted()).isZero();
        // The state says when the bucket is full again: 15 tokens × 6 s.
        assertThat(refused.tatNanos()).isEqualTo(RateLimitStore.nanos(T0.plusSeconds(90)));
    }

    @Test
    void grantsWhatIsLeftWhenAskedForMore() {
        assertThat(store.take("b", TEN, 12, 0, T0).granted()).isEqualTo(12);
        assertThat(store.take("b", TEN, 12, 0, T0).granted()).isEqualTo(3);
        assertThat(store.take("b", TEN, 12, 0, T0).granted()).isZero();
    }

    @Test
    void refillsOneTokenPerInterval() {
        store.take("b", TEN, 15, 0, T0);
        assertThat(store.take("b", TEN, 1, 0, T0.plusSeconds(5)).granted()).isZero();
        assertThat(store.take("b", TEN, 5, 0, T0.plusSeconds(6)).granted()).isEqualTo(1);
        assertThat(store.take("b", TEN, 5, 0, T0.plusSeconds(6 + 12)).granted()).isEqualTo(2);
        // Long idle: full again, never more than the capacity.
        assertThat(store.take("b", TEN, 100, 0, T0.plus(Duration.ofHours(1))).granted()).isEqualTo(15);
    }

    @Test
    void returnedTokensCanBeTakenAgain() {
        assertThat(store.take("b", TEN, 15, 0, T0).granted()).isEqualTo(15);
        assertThat(store.take("b", TEN, 15, 4, T0).granted()).isEqualTo(4);
        assertThat(store.take("b", TEN, 1, 0, T0).granted()).isZero();
    }

    @Test
    void bucketsAreIndependent() {
        assertThat(store.take("key:a", TEN, 15, 0, T0).granted()).isEqualTo(15);
        assertThat(store.take("key:b", TEN, 15, 0, T0).granted()).isEqualTo(15);
    }

    @Test
    void purgeForgetsOnlyFullBuckets() {
        store.take("busy", TEN, 15, 0, T0);
        store.take("idle", TEN, 1, 0, T0);
        assertThat(store.purgeFull(T0.plusSeconds(7))).isEqualTo(1);
        assertThat(store.take("busy", TEN, 15, 0, T0.plusSeconds(7)).granted()).isEqualTo(1);
        assertThat(store.take("idle", TEN, 15, 0, T0.plusSeconds(7)).granted()).isEqualTo(15);
    }

    @Test
    void concurrentTakesNeverGrantMoreThanTheCapacity() throws Exception {
        RateLimitTier tier = new RateLimitTier("race", 200, 0);
        int threads = 64;
        List<Integer> granted = Race.run(threads, threads, t -> () -> {
            int wanted = 1 + t % 3;
            int mine = 0;
            for (int i = 0; i < 10; i++) {
                mine += store.take("hot", tier, wanted, 0, T0).granted();
            }
            return mine;
        });
        assertThat(granted.stream().mapToInt(Integer::intValue).sum()).isEqualTo(200);
    }

}
