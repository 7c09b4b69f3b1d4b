package dev.gatehouse.core.entitlements;

import dev.gatehouse.core.shared.OrganizationId;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * Usage counters, one per (organization, feature, period start), and the usage records behind them.
 * Called inside the caller's transaction. {@link #add} is the atomic check-and-count: under any
 * concurrency a counter never passes its ceiling.
 */
public interface UsageLedger {
    /**
     * Adds {@code quantity} to the counter (a missing counter starts at 0) unless it is positive and
     * the counter would pass {@code ceiling}. A negative quantity (a release) always applies and
     * stops at zero.
     *
     * @return the counter after the change, or empty when refused (nothing changed)
     */
    OptionalLong add(OrganizationId organization, String feature, Instant periodStart, long quantity, long ceiling);

    /** The counter's value, 0 when there is none. */
    long used(OrganizationId organization, String feature, Instant periodStart);

    /**
     * Raises the counter's "notified" threshold to {@code percent} if it is lower (the counter must
     * exist): each threshold is announced once per counter, i.e. once per period.
     *
     * @return whether it was raised (the caller announces it)
     */
    boolean markThreshold(OrganizationId organization, String feature, Instant periodStart, int percent);

    void append(UsageRecord record);

    /** The organization's records of a feature, newest first, at most {@code limit}. */
    List<UsageRecord> records(OrganizationId organization, String feature, int limit);
}
