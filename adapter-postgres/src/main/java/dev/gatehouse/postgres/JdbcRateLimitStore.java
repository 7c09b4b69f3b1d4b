package dev.gatehouse.postgres;

import dev.gatehouse.core.ratelimit.RateLimitStore;
import dev.gatehouse.core.ratelimit.RateLimitTier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Token buckets in {@code rate_limit_buckets}, shared by every instance on the database. A lease is
 * one statement in a transaction of its own: an upsert whose {@code DO UPDATE} computes the grant
 * from the locked, current row ({@link RateLimitStore#step}'s arithmetic in SQL), so concurrent
 * leases from any number of instances serialize on the row and never take more than the bucket
 * holds.
 *
 * <p>Instances lease {@link #leaseSize} tokens at a time (limit / 50, between 1 and 500) and spend
 * them locally: the free tier stays exact (one token per lease); larger tiers cost one round trip
 * per chunk. See {@code docs/operations.md} for the error bound.
 */
final class JdbcRateLimitStore implements RateLimitStore {
    static final int MAX_LEASE = 500;
    /** max(tat - returned * interval, now); parameters: returned, interval, now. */
    private static final String BASE = "GREATEST(b.tat_ns - ?::bigint * ?::bigint, ?::bigint)";
    /** min(wanted, max(0, (tolerance - (base - now)) / interval)); parameters: wanted, tolerance, BASE, now, interval. */
    private static final String GRANTED = "LEAST(?::bigint, GREATEST(0, (?::bigint - (" + BASE + " - ?::bigint)) / ?::bigint))";
    private static final String TAKE = "INSERT INTO rate_limit_buckets AS b (bucket, tat_ns, last_granted) VALUES (?, ?, ?)"
            + " ON CONFLICT (bucket) DO UPDATE SET last_granted = " + GRANTED
            + ", tat_ns = " + BASE + " + ?::bigint * " + GRANTED + ", updated_at = now()"
            + " RETURNING last_granted, tat_ns";

    private final Sql sql;

    JdbcRateLimitStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public int leaseSize(RateLimitTier tier) {
        return Math.max(1, Math.min(MAX_LEASE, tier.limitPerMinute() / 50));
    }

    @Override
    public Lease take(String bucket, RateLimitTier tier, int wanted, int returned, Instant now) {
        long at = RateLimitStore.nanos(now);
        long interval = tier.emissionIntervalNanos();
        long tolerance = tier.toleranceNanos();
        Lease fresh = RateLimitStore.step(at, tier, wanted, 0, at);
        Object[] granted = {(long) wanted, tolerance, (long) returned, interval, at, at, interval};
        List<Object> params = new ArrayList<>(List.of(bucket, fresh.tatNanos(), fresh.granted()));
        params.addAll(List.of(granted));                                   // last_granted = GRANTED
        params.addAll(List.of((long) returned, interval, at, interval));   // tat_ns = BASE + ? * ...
        params.addAll(List.of(granted));                                   // ... GRANTED
        return sql.inOwnTransaction(c -> Sql.one(c, TAKE, rs -> new Lease(rs.getInt(1), rs.getLong(2)), params.toArray())
                .orElseThrow());
    }

    @Override
    public int purgeFull(Instant now) {
        long at = RateLimitStore.nanos(now);
        return sql.inOwnLongTransaction(c -> Sql.update(c, "DELETE FROM rate_limit_buckets WHERE tat_ns <= ?", at));
    }

}
