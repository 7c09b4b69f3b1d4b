package dev.gatehouse.postgres;

import dev.gatehouse.core.authorization.ConsistencyToken;
import dev.gatehouse.core.authorization.OutboxEntry;
import dev.gatehouse.core.authorization.OutboxLag;
import dev.gatehouse.core.authorization.RelationshipChange;
import dev.gatehouse.core.authorization.RelationshipOutbox;
import dev.gatehouse.core.authorization.RelationshipText;
import dev.gatehouse.core.shared.Transactions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@link RelationshipOutbox} in {@code relationship_outbox} (V3). Changes are stored as jsonb:
 * relationships in SpiceDB's text form ({@link RelationshipText}), filters field by field.
 *
 * <ul>
 *   <li><b>Enqueue</b> joins the ambient transaction (or opens one), so the entry commits or rolls
 *       back with the domain change. It first takes the transaction-level advisory lock
 *       {@link #ENQUEUE_LOCK}, so enqueuers are serialized until they commit and {@code seq} order is
 *       commit order (a bigserial alone hands out numbers in start order: a relay could see seq 11
 *       committed and relay it before seq 10 commits). It then sends
 *       {@code pg_notify('gatehouse_relationship_outbox', seq)}, delivered at commit only, so a
 *       relay that LISTENs can wake at once instead of waiting for its next poll.</li>
 *   <li><b>Claims</b> run in a transaction of their own: lock up to {@code limit} pending rows in
 *       seq order with {@code FOR UPDATE SKIP LOCKED}, keep the run that matches the pending queue
 *       from its head (a row another claimer holds breaks the run; if it is the head, nothing is
 *       claimed), and only if the head is due; then lease them by moving {@code next_attempt_at}.</li>
 *   <li><b>Marks</b> commit on their own and leave relayed rows alone.</li>
 * </ul>
 */
final class JdbcRelationshipOutbox implements RelationshipOutbox {
    static final String CHANNEL = "gatehouse_relationship_outbox";
    /** The ASCII bytes of "ghoutbox": a constant no other advisory lock of Gatehouse uses. */
    static final long ENQUEUE_LOCK = 7451328133738950520L;

    private static final String COLUMNS = "seq, kind, payload::text AS payload, created_at, attempts, next_attempt_at,"
            + " last_error, relayed_at, consistency_token";
    private static final String INSERT = "INSERT INTO relationship_outbox (kind, payload, created_at, next_attempt_at)"
            + " VALUES (?, ?::jsonb, ?, ?) RETURNING seq";
    private static final String LOCK_HEAD = "SELECT seq, next_attempt_at FROM relationship_outbox"
            + " WHERE relayed_at IS NULL ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED";
    private static final String PENDING = "SELECT seq FROM relationship_outbox WHERE relayed_at IS NULL ORDER BY seq LIMIT ?";
    private static final String LEASE = "UPDATE relationship_outbox SET next_attempt_at = ? WHERE seq = ANY (?)"
            + " RETURNING " + COLUMNS;
    private static final String RELAYED = "UPDATE relationship_outbox SET relayed_at = ?, consistency_token = ?"
            + " WHERE seq = ? AND relayed_at IS NULL";
    private static final String FAILED = "UPDATE relationship_outbox SET attempts = ?, last_error = ?, next_attempt_at = ?"
            + " WHERE seq = ? AND relayed_at IS NULL";
    private static final String FIND = "SELECT " + COLUMNS + " FROM relationship_outbox WHERE seq = ?";
    private static final String LAG = "SELECT count(*), min(created_at) AS oldest FROM relationship_outbox"
            + " WHERE relayed_at IS NULL";
    private static final String PURGE = "DELETE FROM relationship_outbox WHERE relayed_at < ?";

    private final Sql sql;
    private final Transactions transactions;

    JdbcRelationshipOutbox(Sql sql, Transactions transactions) {
        this.sql = sql;
        this.transactions = transactions;
    }

    @Override
    public long enqueue(RelationshipChange change, Instant now) {
        String kind = change instanceof RelationshipChange.Write ? "write" : "delete";
        String payload = OutboxEntryRows.payload(change);
        return transactions.inTransaction(() -> sql.run(c -> {
            Sql.one(c, "SELECT pg_advisory_xact_lock(?)", rs -> true, ENQUEUE_LOCK);
            long seq = Sql.one(c, INSERT, rs -> rs.getLong(1), kind, payload, now, now).orElseThrow();
            Sql.one(c, "SELECT pg_notify(?, ?)", rs -> true, CHANNEL, Long.toString(seq));
            return seq;
        }));
    }

    @Override
    public List<OutboxEntry> claimDue(Instant now, int limit, Duration lease) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit is positive: " + limit);
        }
        return sql.inOwnTransaction(c -> {
            record Locked(long seq, Instant nextAttemptAt) {
            }
            List<Locked> locked = Sql.query(c, LOCK_HEAD, rs -> new Locked(rs.getLong("seq"), Sql.instant(rs, "next_attempt_at")),
                    limit);
            if (locked.isEmpty() || locked.get(0).nextAttemptAt().isAfter(now)) {
                return List.of();
            }
            List<Long> pending = Sql.query(c, PENDING, rs -> rs.getLong(1), limit);
            List<Long> run = new ArrayList<>();
            for (int i = 0; i < locked.size() && i < pending.size() && locked.get(i).seq() == pending.get(i); i++) {
                run.add(locked.get(i).seq());
            }
            if (run.isEmpty()) {
                return List.of(); // another claimer holds the head
            }
            List<OutboxEntry> claimed = Sql.query(c, LEASE, OutboxEntryRows::map, now.plus(lease), run.toArray(Long[]::new));
            claimed.sort(Comparator.comparingLong(OutboxEntry::sequence));
            return claimed;
        });
    }

    @Override
    public void markRelayed(long sequence, ConsistencyToken token, Instant now) {
        sql.inOwnTransaction(c -> Sql.update(c, RELAYED, now, token.value(), sequence));
    }

    @Override
    public void markFailed(long sequence, int attempts, String error, Instant nextAttemptAt) {
        sql.inOwnTransaction(c -> Sql.update(c, FAILED, attempts, error, nextAttemptAt, sequence));
    }

    @Override
    public Optional<OutboxEntry> find(long sequence) {
        return sql.one(FIND, OutboxEntryRows::map, sequence);
    }

    @Override
    public OutboxLag lag(Instant now) {
        return sql.one(LAG, rs -> {
            long pending = rs.getLong(1);
            Instant oldest = Sql.instant(rs, "oldest");
            if (oldest == null) {
                return OutboxLag.NONE;
            }
            Duration age = Duration.between(oldest, now);
            return new OutboxLag(pending, age.isNegative() ? Duration.ZERO : age);
        }).orElseThrow();
    }

    @Override
    public int purgeRelayed(Instant relayedBefore) {
        return sql.inOwnLongTransaction(c -> Sql.update(c, PURGE, relayedBefore));
    }

}
