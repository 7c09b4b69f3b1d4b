package dev.gatehouse.core.ratelimit;

import java.time.Instant;
import java.util.Objects;

/**
 * Where the token buckets live: in this process (memory) or shared by every instance (PostgreSQL).
 * A bucket is kept as GCRA state, its theoretical arrival time ({@code tat}, nanoseconds since the
 * epoch): the bucket is full when {@code tat <= now} and holds
 * {@code floor((tolerance - (max(tat, now) - now)) / interval)} tokens otherwise.
 *
 * <p>{@link #take} is atomic per bucket: concurrent takes, from any number of threads or instances,
 * never hand out more tokens than the bucket holds.
 */
public interface RateLimitStore {

    /**
     * @param granted how many tokens were taken (0 when the bucket was empty)
     * @param tatNanos the bucket's state after the take
     */
    record Lease(int granted, long tatNanos) {
        public Lease {
            if (granted < 0) {
                throw new IllegalArgumentException("granted must not be negative");
            }
        }
    }

    /**
     * Takes up to {@code wanted} tokens from the bucket (as many as it holds when fewer), after first
     * putting back {@code returned} tokens an earlier lease did not spend. A bucket never seen is full.
     */
    Lease take(String bucket, RateLimitTier tier, int wanted, int returned, Instant now);

    /**
     * How many tokens the limiter leases at once for a bucket of this tier: 1 when every decision may
     * reach the store (memory); more to spare a shared store a round trip per request.
     */
    default int leaseSize(RateLimitTier tier) {
        return 1;
    }

    /** Forgets buckets that are full at {@code now} (they hold no state a fresh bucket lacks). */
    int purgeFull(Instant now);

    /** Nanoseconds since the epoch. */
    static long nanos(Instant t) {
        Objects.requireNonNull(t, "t");
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    /**
     * The GCRA step every store applies (atomically): returns the granted count and the new state.
     * Stores that compute it elsewhere (SQL) must agree with this.
     */
    static Lease step(long tat, RateLimitTier tier, int wanted, int returned, long now) {
        long interval = tier.emissionIntervalNanos();
        long base = Math.max(tat - (long) returned * interval, now);
        long available = Math.max(0, (tier.toleranceNanos() - (base - now)) / interval);
        int granted = (int) Math.min(wanted, available);
        return new Lease(granted, base + granted * interval);
    }
}
