package dev.gatehouse.core.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The answer for one request.
 *
 * @param limit      the bucket's capacity: the most requests the principal can make at once
 * @param remaining  tokens left after this request (0 when refused)
 * @param resetAt    when the bucket is full again if no further request is made
 * @param retryAfter zero when allowed; else how long until one token is back
 */
public record RateLimitDecision(boolean allowed, RateLimitTier tier, long limit, long remaining, Instant resetAt,
                                Duration retryAfter) {
    public RateLimitDecision {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(resetAt, "resetAt");
        Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** Whole seconds from {@code now} until {@link #resetAt} (rounded up, never negative). */
    public long resetSeconds(Instant now) {
        return ceilSeconds(Duration.between(now, resetAt));
    }

    /** {@link #retryAfter} in whole seconds, rounded up: at least 1 when refused. */
    public long retryAfterSeconds() {
        return allowed ? 0 : Math.max(1, ceilSeconds(retryAfter));
    }

    private static long ceilSeconds(Duration d) {
        if (d.isNegative() || d.isZero()) {
            return 0;
        }
        return d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
    }
}
