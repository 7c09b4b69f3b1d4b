package dev.gatehouse.core.ratelimit;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A rate-limit tier: a sustained {@code limitPerMinute} and a burst allowance on top of it. The
 * bucket holds {@link #capacity()} = limit × (1 + burst) tokens and refills at {@code limitPerMinute}
 * per minute, one token every {@link #emissionIntervalNanos()} (rounded up, so rounding never grants
 * more than the tier allows). An empty bucket is full again after {@link #windowSeconds()}.
 */
public record RateLimitTier(String name, int limitPerMinute, int burstPercent) {
    public static final RateLimitTier FREE = new RateLimitTier("free", 60, 0);
    public static final RateLimitTier STARTER = new RateLimitTier("starter", 1_000, 20);
    public static final RateLimitTier PRO = new RateLimitTier("pro", 5_000, 30);
    public static final RateLimitTier AGENCY = new RateLimitTier("agency", 20_000, 50);
    public static final RateLimitTier ENTERPRISE = new RateLimitTier("enterprise", 100_000, 100);
    public static final List<RateLimitTier> BUILT_IN = List.of(FREE, STARTER, PRO, AGENCY, ENTERPRISE);
    private static final Map<String, RateLimitTier> BY_NAME = BUILT_IN.stream()
            .collect(Collectors.toUnmodifiableMap(RateLimitTier::name, Function.identity()));
    private static final long NANOS_PER_MINUTE = 60_000_000_000L;

    public RateLimitTier {
        Objects.requireNonNull(name, "name");
        if (limitPerMinute < 1) {
            throw new IllegalArgumentException("limitPerMinute must be positive");
        }
        if (burstPercent < 0 || burstPercent > 1_000) {
            throw new IllegalArgumentException("burstPercent must be within 0..1000");
        }
    }

    /** A built-in tier by name (case-insensitive). */
    public static Optional<RateLimitTier> named(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(name.strip().toLowerCase(Locale.ROOT)));
    }

    /** The most tokens the bucket holds: the limit plus its burst allowance. */
    public long capacity() {
        return limitPerMinute + (long) limitPerMinute * burstPercent / 100;
    }

    /** One token is added every this many nanoseconds (60 s / limit, rounded up). */
    public long emissionIntervalNanos() {
        return (NANOS_PER_MINUTE + limitPerMinute - 1) / limitPerMinute;
    }

    /** The burst tolerance: how long an empty bucket takes to refill completely. */
    public long toleranceNanos() {
        return capacity() * emissionIntervalNanos();
    }

    /** {@link #toleranceNanos()} in whole seconds (rounded up): the window the IETF policy header names. */
    public long windowSeconds() {
        return (toleranceNanos() + 999_999_999L) / 1_000_000_000L;
    }

    /** The lower of two tiers (by sustained limit, then by capacity); a key's own tier may only lower its organization's. */
    public RateLimitTier lowerOf(RateLimitTier other) {
        if (other.limitPerMinute != limitPerMinute) {
            return other.limitPerMinute < limitPerMinute ? other : this;
        }
        return other.capacity() < capacity() ? other : this;
    }
}
