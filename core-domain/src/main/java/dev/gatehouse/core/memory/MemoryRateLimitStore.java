package dev.gatehouse.core.memory;

import dev.gatehouse.core.ratelimit.RateLimitStore;
import dev.gatehouse.core.ratelimit.RateLimitTier;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets in this process: one GCRA state per bucket, updated atomically with
 * {@link ConcurrentHashMap#compute}. Exact (every decision reaches it, no leases); nothing is shared
 * with other instances.
 */
public final class MemoryRateLimitStore implements RateLimitStore {
    private final Map<String, Long> tats = new ConcurrentHashMap<>();

    @Override
    public Lease take(String bucket, RateLimitTier tier, int wanted, int returned, Instant now) {
        long at = RateLimitStore.nanos(now);
        Lease[] out = new Lease[1];
        tats.compute(bucket, (b, tat) -> {
            Lease lease = RateLimitStore.step(tat == null ? at : tat, tier, wanted, returned, at);
            out[0] = lease;
            return lease.tatNanos();
        });
        return out[0];
    }

    @Override
    public int purgeFull(Instant now) {
        long at = RateLimitStore.nanos(now);
        int[] removed = {0};
        tats.entrySet().removeIf(e -> {
            boolean full = e.getValue() <= at;
            if (full) {
                removed[0]++;
            }
            return full;
        });
        return removed[0];
    }
}
