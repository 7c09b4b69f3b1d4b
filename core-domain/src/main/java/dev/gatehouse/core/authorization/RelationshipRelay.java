package dev.gatehouse.core.authorization;

import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Relays the {@link RelationshipOutbox} to the authorization engine (SpiceDB): claims the due
 * entries, applies each in sequence order and records the outcome. Run it on a schedule, on every
 * instance if wanted: claims keep instances from relaying the same entry at once.
 *
 * <ul>
 *   <li><b>Idempotent.</b> A batch's CREATEs are sent as TOUCH, so a batch the engine applied but whose
 *       answer was lost can be sent again; deletes (of a relationship or by filter) are idempotent
 *       already.</li>
 *   <li><b>Ordered.</b> Entries are applied in sequence order and a failure stops the run: the entries
 *       after it are held back (and claimed again with it), so a later change never overtakes an
 *       earlier one.</li>
 *   <li><b>Never dropped.</b> Every failure (the engine down, an answer it refuses, an exception) is
 *       recorded and retried after an exponential backoff with jitter: about {@link #FIRST_RETRY},
 *       doubling per attempt up to {@link #MAX_RETRY}, each wait drawn from (half, all] of that. An
 *       entry the engine keeps refusing therefore blocks the outbox: {@link #lag()} shows it, its
 *       {@code last_error} says why.</li>
 *   <li><b>Lease.</b> A claim holds its entries for the lease; the run stops starting entries after
 *       half of it, so a slow run does not overlap the next claimer.</li>
 * </ul>
 */
public final class RelationshipRelay {
    public static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    public static final Duration MAX_RETRY = Duration.ofMinutes(5);
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(1);
    static final int MAX_ERROR_LENGTH = 1000;

    /**
     * What one run did: entries claimed, relayed, failed (at most one: a failure stops the run) and
     * held back (claimed but not attempted, after a failure or at the end of the lease).
     */
    public record Outcome(int claimed, int relayed, int failed, int heldBack) {
    }

    private final RelationshipOutbox outbox;
    private final Authorizer target;
    private final Clock clock;
    private final Duration lease;
    private final DoubleSupplier jitter;

    public RelationshipRelay(RelationshipOutbox outbox, Authorizer target, Clock clock) {
        this(outbox, target, clock, DEFAULT_LEASE, () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * @param lease  how long a claim holds its entries; well above the target's per-call deadline
     * @param jitter a number in [0, 1) per retry (random in production, fixed in tests)
     */
    public RelationshipRelay(RelationshipOutbox outbox, Authorizer target, Clock clock, Duration lease,
                             DoubleSupplier jitter) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.target = Objects.requireNonNull(target, "target");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("the lease is positive: " + lease);
        }
        this.lease = lease;
    }

    /** Claims up to {@code limit} due entries and relays them in order. */
    public Outcome relayDue(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit is positive: " + limit);
        }
        Instant claimedAt = clock.instant();
        List<OutboxEntry> batch = outbox.claimDue(claimedAt, limit, lease);
        Instant startNoLaterThan = claimedAt.plus(lease.dividedBy(2));
        int relayed = 0;
        int failed = 0;
        for (OutboxEntry entry : batch) {
            if (clock.instant().isAfter(startNoLaterThan)) {
                break;
            }
            Result<ConsistencyToken> result = apply(entry.change());
            Instant now = clock.instant();
            if (result.isOk()) {
                outbox.markRelayed(entry.sequence(), result.value(), now);
                relayed++;
            } else {
                int attempts = entry.attempts() + 1;
                outbox.markFailed(entry.sequence(), attempts, describe(result.failure()),
                        now.plus(backoff(attempts, jitter.getAsDouble())));
                failed++;
                break;
            }
        }
        return new Outcome(batch.size(), relayed, failed, batch.size() - relayed - failed);
    }

    /** The outbox's lag now: pending entries and the age of the oldest, for a gauge. */
    public OutboxLag lag() {
        return outbox.lag(clock.instant());
    }

    /**
     * The wait after the {@code attempts}-th failure: {@link #FIRST_RETRY} doubled per earlier attempt,
     * capped at {@link #MAX_RETRY}, scaled into (half, all] of that by {@code random} in [0, 1).
     */
    public static Duration backoff(int attempts, double random) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts start at 1: " + attempts);
        }
        if (random < 0 || random >= 1) {
            throw new IllegalArgumentException("random is in [0, 1): " + random);
        }
        long capMillis = MAX_RETRY.toMillis();
        long baseMillis = attempts > 20 ? capMillis : Math.min(capMillis, FIRST_RETRY.toMillis() << (attempts - 1));
        return Duration.ofMillis(Math.max(1, Math.round(baseMillis * (1 - random / 2))));
    }

    private Result<ConsistencyToken> apply(RelationshipChange change) {
        try {
            if (change instanceof RelationshipChange.Write w) {
                return target.write(w.updates().stream()
                        .map(u -> u.operation() == RelationshipUpdate.Operation.CREATE
                                ? RelationshipUpdate.touch(u.relationship()) : u)
                        .toList());
            }
            return target.delete(((RelationshipChange.Delete) change).filter());
        } catch (RuntimeException e) {
            return Result.fail(Failure.of(Reason.UNAVAILABLE,
                    "unexpected " + e.getClass().getName() + ": " + e.getMessage()));
        }
    }

    private static String describe(Failure f) {
        String text = f.reason() + ": " + f.message() + (f.details().isEmpty() ? "" : " " + f.details())
                + (f.fieldErrors().isEmpty() ? "" : " " + f.fieldErrors());
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }
}
