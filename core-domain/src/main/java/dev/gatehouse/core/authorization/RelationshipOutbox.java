package dev.gatehouse.core.authorization;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Relationship changes waiting to be relayed to the authorization engine (SpiceDB), written in the
 * same transaction as the domain change that caused them so that an engine outage loses nothing
 * (see {@link OutboxAuthorizer} and {@link RelationshipRelay}).
 *
 * <p><b>Order.</b> Sequence numbers follow commit order: an entry is never visible to
 * {@link #claimDue} while an entry with a smaller sequence may still commit. Entries are relayed
 * strictly in sequence order: {@link #claimDue} hands out only a run of pending entries that starts
 * at the oldest pending one, and only when that one is due. So a failing entry holds back the ones
 * after it (a later delete must not overtake an earlier touch of the same relationship), and two
 * relays never hold the same entry: the second finds the head claimed and gets nothing.
 */
public interface RelationshipOutbox {

    /**
     * Adds a pending change inside the caller's transaction (or a transaction of its own when there
     * is none): it disappears if that transaction rolls back.
     *
     * @return its sequence number
     */
    long enqueue(RelationshipChange change, Instant now);

    /**
     * Claims, in a transaction of its own, up to {@code limit} pending entries in sequence order,
     * starting at the oldest pending entry, if that one is due at {@code now} (nothing otherwise).
     * The claimed entries are due again only at {@code now + lease}: until then no other claim
     * returns them, and if the claimer dies they become due again afterwards.
     */
    List<OutboxEntry> claimDue(Instant now, int limit, Duration lease);

    /** Records that the engine accepted the entry, with its token; no effect on a relayed entry. */
    void markRelayed(long sequence, ConsistencyToken token, Instant now);

    /** Records a failed attempt: the attempts so far, why, and when to try again; no effect on a relayed entry. */
    void markFailed(long sequence, int attempts, String error, Instant nextAttemptAt);

    /** The entry, pending or relayed, unless it never committed or was purged. */
    Optional<OutboxEntry> find(long sequence);

    /** The pending entries' count and the age of the oldest at {@code now}. */
    OutboxLag lag(Instant now);

    /**
     * Deletes entries relayed before {@code relayedBefore}; pending entries are never deleted.
     * An {@code outbox:} token of a purged entry no longer resolves.
     *
     * @return how many were deleted
     */
    int purgeRelayed(Instant relayedBefore);
}
