package dev.gatehouse.core.memory;

import dev.gatehouse.core.authorization.ConsistencyToken;
import dev.gatehouse.core.authorization.OutboxEntry;
import dev.gatehouse.core.authorization.OutboxLag;
import dev.gatehouse.core.authorization.RelationshipChange;
import dev.gatehouse.core.authorization.RelationshipOutbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The relationship outbox in memory. Entries live in one map guarded by {@link MemoryTransactions}:
 * an enqueue joins the caller's transaction and is undone with it, and since write transactions are
 * exclusive, sequence order is commit order and a claim never sees an uncommitted entry. Claims and
 * marks are transactions of their own, or join the caller's (memory transactions cannot nest
 * independently). Sequence numbers of rolled-back enqueues are not reused, as with a database
 * sequence.
 */
public final class MemoryRelationshipOutbox implements RelationshipOutbox {
    private final MemoryTransactions tx;
    private final TreeMap<Long, OutboxEntry> entries = new TreeMap<>();
    private long lastSequence;

    public MemoryRelationshipOutbox(MemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public long enqueue(RelationshipChange change, Instant now) {
        return tx.inTransaction(() -> {
            long sequence = ++lastSequence; // under the write lock; deliberately not undone (a gap, like a sequence)
            OutboxEntry entry = OutboxEntry.pending(sequence, change, now);
            tx.write(() -> entries.put(sequence, entry), () -> entries.remove(sequence));
            return sequence;
        });
    }

    @Override
    public List<OutboxEntry> claimDue(Instant now, int limit, Duration lease) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit is positive: " + limit);
        }
        return tx.inTransaction(() -> {
            List<OutboxEntry> claimed = new ArrayList<>();
            for (OutboxEntry e : entries.values()) {
                if (e.isRelayed()) {
                    continue;
                }
                if (claimed.isEmpty() && e.nextAttemptAt().isAfter(now)) {
                    break; // the head is not due: nothing after it may overtake it
                }
                claimed.add(e.claimedUntil(now.plus(lease)));
                if (claimed.size() == limit) {
                    break;
                }
            }
            claimed.forEach(this::replace);
            return List.copyOf(claimed);
        });
    }

    @Override
    public void markRelayed(long sequence, ConsistencyToken token, Instant now) {
        tx.inTransaction(() -> {
            OutboxEntry e = entries.get(sequence);
            if (e != null && !e.isRelayed()) {
                replace(e.relayed(token, now));
            }
            return null;
        });
    }

    @Override
    public void markFailed(long sequence, int attempts, String error, Instant nextAttemptAt) {
        tx.inTransaction(() -> {
            OutboxEntry e = entries.get(sequence);
            if (e != null && !e.isRelayed()) {
                replace(e.failed(attempts, error, nextAttemptAt));
            }
            return null;
        });
    }

    @Override
    public Optional<OutboxEntry> find(long sequence) {
        return tx.read(() -> Optional.ofNullable(entries.get(sequence)));
    }

    @Override
    public OutboxLag lag(Instant now) {
        return tx.read(() -> {
            long pending = 0;
            Instant oldest = null;
            for (OutboxEntry e : entries.values()) {
                if (!e.isRelayed()) {
                    pending++;
                    if (oldest == null || e.createdAt().isBefore(oldest)) {
                        oldest = e.createdAt();
                    }
                }
            }
            if (oldest == null) {
                return OutboxLag.NONE;
            }
            Duration age = Duration.between(oldest, now);
            return new OutboxLag(pending, age.isNegative() ? Duration.ZERO : age);
        });
    }

    @Override
    public int purgeRelayed(Instant relayedBefore) {
        return tx.inTransaction(() -> {
            List<OutboxEntry> old = new ArrayList<>();
            for (OutboxEntry e : entries.values()) {
                if (e.relayedAt().isPresent() && e.relayedAt().get().isBefore(relayedBefore)) {
                    old.add(e);
                }
            }
            for (OutboxEntry e : old) {
                tx.write(() -> entries.remove(e.sequence()), () -> entries.put(e.sequence(), e));
            }
            return old.size();
        });
    }

    private void replace(OutboxEntry updated) {
        OutboxEntry before = entries.get(updated.sequence());
        tx.write(() -> entries.put(updated.sequence(), updated), () -> entries.put(before.sequence(), before));
    }
}
