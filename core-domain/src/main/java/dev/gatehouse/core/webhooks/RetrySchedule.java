package dev.gatehouse.core.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is attempted again: after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and
 * 24 h (nine retries, ten attempts in all, about 3.2 days), each delay spread by up to ±10 % jitter so
 * a failing endpoint's backlog does not come back at once; then the delivery is {@code failed}. A
 * {@code Retry-After} of a 429 or 5xx pushes the next attempt later (capped at 24 h), never earlier.
 */
public record RetrySchedule(DoubleSupplier random) {
    public static final List<Duration> DELAYS = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(14), Duration.ofHours(20),
            Duration.ofHours(24));
    public static final double JITTER = 0.10;
    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

    /** @param random uniform in [0, 1) (tests pass a fixed value) */

    public static RetrySchedule standard() {
        return new RetrySchedule(() -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
    }

    /**
     * The delay before the next attempt after {@code attemptsMade} failed attempts, or null when the
     * schedule is exhausted.
     */
    public Duration next(int attemptsMade, Duration retryAfter) {
        if (attemptsMade < 1 || attemptsMade > DELAYS.size()) {
            return null;
        }
        Duration base = DELAYS.get(attemptsMade - 1);
        double factor = 1 + JITTER * (2 * random.getAsDouble() - 1);
        Duration d = Duration.ofMillis(Math.round(base.toMillis() * factor));
        if (retryAfter != null && retryAfter.compareTo(d) > 0) {
            d = retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
        }
        return d;
    }
}
