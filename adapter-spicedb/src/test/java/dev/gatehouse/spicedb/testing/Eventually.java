package dev.gatehouse.spicedb.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting on a condition instead of a tight deadline: asks again every 20 ms until it holds, and
 * fails naming what was awaited (and the last value seen) only after a generous upper bound: a loaded
 * machine is slow, not wrong.
 */
public final class Eventually {
    /** The upper bound. */
    public static final Duration GENEROUS = Duration.ofSeconds(60);

    private Eventually() {
    }

    /** Returns once {@code condition} holds; fails after {@link #GENEROUS}. */
    public static void until(String what, BooleanSupplier condition) {
        value(what, condition::getAsBoolean, Boolean::booleanValue);
    }

    /** The first value {@code accepted} takes; fails after {@link #GENEROUS} naming the last one. */
    public static <T> T value(String what, Supplier<T> value, Predicate<T> accepted) {
        long end = System.nanoTime() + GENEROUS.toNanos();
        while (true) {
            T v = value.get();
            if (accepted.test(v)) {
                return v;
            }
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("still not " + what + " after " + GENEROUS.toSeconds() + " s; last: " + v);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
