package dev.gatehouse.core.entitlements;

import java.util.Objects;

/**
 * What a plan (or an organization's override) gives for one feature: whether it is included at
 * all, its limit ({@code null}: unlimited), the reset period and whether the limit is soft (overage
 * allowed and reported). A boolean feature has only {@code enabled}.
 */
public record Allowance(boolean enabled, Long limit, Period period, boolean soft) {
    public Allowance {
        Objects.requireNonNull(period, "period");
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
    }

    public static Allowance off() {
        return new Allowance(false, 0L, Period.NONE, false);
    }

    public boolean unlimited() {
        return enabled && limit == null;
    }

    /** The most a counter may reach: the limit when hard, else no ceiling. */
    public long ceiling() {
        return limit == null || soft ? Long.MAX_VALUE : limit;
    }
}
