package dev.gatehouse.core.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing. After {@value #FREE_FAILURES} failures for one key (an email, or a
 * client address) the key is locked out for 1 s, doubling with each further failure up to 15 min;
 * a success clears the email's count. State is per instance and bounded; with several instances an
 * attacker gets at most N times the budget, which the exponential lockout keeps small.
 */
public final class LoginThrottle {
    static final int FREE_FAILURES = 5;
    private static final Duration MAX_LOCKOUT = Duration.ofMinutes(15);
    private static final Duration FORGET_AFTER = Duration.ofHours(1);
    private static final int MAX_ENTRIES = 100_000;

    private record Entry(int failures, Instant lastFailure, Instant lockedUntil) {
    }

    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the caller must wait before the next attempt for this key, if locked out. */
    public Optional<Duration> lockedFor(String key) {
        Entry e = entries.get(key);
        Instant now = clock.instant();
        if (e == null || e.lockedUntil() == null || !e.lockedUntil().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, e.lockedUntil()));
    }

    public void failed(String key) {
        Instant now = clock.instant();
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> e.lastFailure().plus(FORGET_AFTER).isBefore(now));
        }
        entries.compute(key, (k, e) -> {
            int failures = (e == null || e.lastFailure().plus(FORGET_AFTER).isBefore(now)) ? 1 : e.failures() + 1;
            Instant lockedUntil = null;
            if (failures >= FREE_FAILURES) {
                int exponent = Math.min(failures - FREE_FAILURES, 20);
                Duration lockout = Duration.ofSeconds(1L << exponent);
                lockedUntil = now.plus(lockout.compareTo(MAX_LOCKOUT) > 0 ? MAX_LOCKOUT : lockout);
            }
            return new Entry(failures, now, lockedUntil);
        });
    }

    public void succeeded(String key) {
        entries.remove(key);
    }
}
