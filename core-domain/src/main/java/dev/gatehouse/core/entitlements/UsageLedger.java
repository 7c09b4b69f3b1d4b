package dev.gatehouse.core.entitlements;

import dev.gatehouse.core.shared.OrganizationId;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * Usage counters, one per (organization, feature, period start), and the usage records behind them.
 * Called inside the caller's transaction. {@link #add} is the atomic check-and-count: under any
 * concurrency a counter never passes its ceiling.
 *
 * <p>Quota leases (ADR 0039): besides {@code used} (what committed records and counts add up to), a
 * counter has {@code reserved}, the units held by instances' leases ({@link #reserve}). Every change
 * that grants keeps {@code used + reserved <= ceiling}; {@link #spend} moves a lease's units to
 * {@code used} together with the records, and only while the lease still holds them, so a lease
 * given back or reclaimed ({@link #release}, {@link #reclaimExpired}) can never be spent. Every
 * change locks the counter before its lease.
 */
public interface UsageLedger {
    /**
     * Adds {@code quantity} to the counter (a missing counter starts at 0) unless it is positive and
     * the counter, with the units its leases reserve, would pass {@code ceiling}. A negative quantity (a release) always applies and
     * stops at zero.
     *
     * @return the counter after the change, or empty when refused (nothing changed)
     */
    OptionalLong add(OrganizationId organization, String feature, Instant periodStart, long quantity, long ceiling);

    /** The counter's value (committed usage; leased units are not in it), 0 when there is none. */
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

    /**
     * Reserves units of the counter for {@code holder}'s lease (creating the counter and the lease
     * when missing) and renews the lease until {@code expiresAt}: {@link #leaseGrant} of what is left
     * below {@code ceiling} after {@code used} and every lease.
     *
     * @return the units reserved, 0 when fewer than {@code need} are left
     */
    long reserve(OrganizationId organization, String feature, Instant periodStart, String holder, long need, long wanted,
                 long ceiling, Instant expiresAt);

    /**
     * Stores {@code records} (all of this counter, positive quantities) and moves their total from
     * {@code holder}'s lease to {@code used}, renewing the lease until {@code expiresAt}; nothing
     * changes when the lease no longer holds that many units (given back or reclaimed).
     *
     * @return the counter after the change, or empty when the lease did not hold the units
     */
    OptionalLong spend(OrganizationId organization, String feature, Instant periodStart, String holder,
                       List<UsageRecord> records, Instant expiresAt);

    /**
     * Gives up to {@code units} of {@code holder}'s lease back to the counter ({@code Long.MAX_VALUE}:
     * all of it); a lease left empty is removed.
     *
     * @return the units given back
     */
    long release(OrganizationId organization, String feature, Instant periodStart, String holder, long units);

    /**
     * Gives back every lease of the counter, whoever holds it, that expired before {@code now} (its
     * holder stopped renewing it: crashed, or lost for longer than the lease's time to live).
     *
     * @return the units given back
     */
    long reclaimExpired(OrganizationId organization, String feature, Instant periodStart, Instant now);

    /**
     * How many units a reservation takes when {@code left} are free below the ceiling: none when
     * fewer than {@code need}; else {@code wanted}, but never more than an eighth of what is left
     * (and at least {@code need}), so that near the limit leases stay small and the last units are not
     * stranded in one instance's lease. Every store applies this rule (SQL stores in the statement).
     */
    static long leaseGrant(long left, long need, long wanted) {
        if (need <= 0 || left < need) {
            return 0;
        }
        return Math.min(Math.max(wanted, need), Math.max(need, left / 8));
    }
}
