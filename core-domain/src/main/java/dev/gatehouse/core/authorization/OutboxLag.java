package dev.gatehouse.core.authorization;

import java.time.Duration;
import java.util.Objects;

/**
 * How far the authorization engine is behind the outbox: the number of pending changes and the age
 * of the oldest ({@link Duration#ZERO} when none is pending). Plain numbers, for a metrics gauge.
 */
public record OutboxLag(long pending, Duration oldestPendingAge) {
    public static final OutboxLag NONE = new OutboxLag(0, Duration.ZERO);

    public OutboxLag {
        Objects.requireNonNull(oldestPendingAge, "oldestPendingAge");
        if (pending < 0 || oldestPendingAge.isNegative()) {
            throw new IllegalArgumentException("lag is not negative: " + pending + ", " + oldestPendingAge);
        }
    }
}
