package dev.gatehouse.core.entitlements;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How often a counted feature starts again from zero. Periods are anchored to the organization's
 * subscription start: a monthly period begins on the anchor's day and time of each month (the
 * 31st becomes the month's last day when it has fewer), a daily one at the anchor's time of day.
 * {@link #NONE} never resets: one window from the epoch on.
 */
public enum Period {
    NONE, DAY, WEEK, MONTH, YEAR;

    /** One period: where it starts and where the next begins ({@code end} null for {@link #NONE}). */
    public record Window(Instant start, Instant end) {
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Period> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.name().equals(t)).findFirst();
    }

    public static String choices() {
        return Arrays.stream(values()).map(Period::wire).collect(Collectors.joining(", "));
    }

    /** The period containing {@code now} for a subscription that started at {@code anchor}. */
    public Window windowAt(Instant anchor, Instant now) {
        if (this == NONE) {
            return new Window(Instant.EPOCH, null);
        }
        if (now.isBefore(anchor)) {
            now = anchor; // a clock behind the subscription start: its first period
        }
        if (this == DAY || this == WEEK) {
            Duration step = this == DAY ? Duration.ofDays(1) : Duration.ofDays(7);
            long k = Duration.between(anchor, now).toMillis() / step.toMillis();
            Instant start = anchor.plus(step.multipliedBy(k));
            return new Window(start, start.plus(step));
        }
        ChronoUnit unit = this == MONTH ? ChronoUnit.MONTHS : ChronoUnit.YEARS;
        ZonedDateTime a = anchor.atZone(ZoneOffset.UTC);
        ZonedDateTime n = now.atZone(ZoneOffset.UTC);
        long k = unit.between(a, n);
        // Always step from the anchor itself (never from a clamped date), so Jan 31 stays the 31st.
        while (k > 0 && a.plus(k, unit).isAfter(n)) {
            k--;
        }
        while (!a.plus(k + 1, unit).isAfter(n)) {
            k++;
        }
        return new Window(a.plus(k, unit).toInstant(), a.plus(k + 1, unit).toInstant());
    }
}
