package dev.gatehouse.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.authorization.ConsistencyToken;
import dev.gatehouse.core.authorization.OutboxEntry;
import dev.gatehouse.core.authorization.OutboxLag;
import dev.gatehouse.core.authorization.RelationshipChange;
import dev.gatehouse.core.authorization.RelationshipFilter;
import dev.gatehouse.core.authorization.RelationshipOutbox;
import dev.gatehouse.core.authorization.RelationshipText;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.shared.Transactions;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

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

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Sql sql;
    private final Transactions transactions;

    JdbcRelationshipOutbox(Sql sql, Transactions transactions) {
        this.sql = sql;
        this.transactions = transactions;
    }

    @Override
    public long enqueue(RelationshipChange change, Instant now) {
        String kind = change instanceof RelationshipChange.Write ? "write" : "delete";
        String payload = payload(change);
        return transactions.inTransaction(() -> sql.run(c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, ENQUEUE_LOCK);
                lock.execute();
            }
            long seq;
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setString(1, kind);
                ps.setString(2, payload);
                Sql.setInstant(ps, 3, now);
                Sql.setInstant(ps, 4, now);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    seq = rs.getLong(1);
                }
            }
            try (PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                notify.setString(1, CHANNEL);
                notify.setString(2, Long.toString(seq));
                notify.execute();
            }
            return seq;
        }));
    }

    @Override
    public List<OutboxEntry> claimDue(Instant now, int limit, Duration lease) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit is positive: " + limit);
        }
        return sql.inOwnTransaction(c -> {
            List<Long> locked = new ArrayList<>();
            Instant headDueAt = null;
            try (PreparedStatement ps = c.prepareStatement(LOCK_HEAD)) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (locked.isEmpty()) {
                            headDueAt = Sql.instant(rs, "next_attempt_at");
                        }
                        locked.add(rs.getLong("seq"));
                    }
                }
            }
            if (locked.isEmpty() || headDueAt.isAfter(now)) {
                return List.of();
            }
            List<Long> pending = longs(c, PENDING, limit);
            List<Long> run = new ArrayList<>();
            for (int i = 0; i < locked.size() && i < pending.size() && locked.get(i).equals(pending.get(i)); i++) {
                run.add(locked.get(i));
            }
            if (run.isEmpty()) {
                return List.of(); // another claimer holds the head
            }
            try (PreparedStatement ps = c.prepareStatement(LEASE)) {
                Sql.setInstant(ps, 1, now.plus(lease));
                Array seqs = c.createArrayOf("bigint", run.toArray());
                try {
                    ps.setArray(2, seqs);
                    List<OutboxEntry> claimed = entries(ps);
                    claimed.sort(Comparator.comparingLong(OutboxEntry::sequence));
                    return claimed;
                } finally {
                    seqs.free();
                }
            }
        });
    }

    @Override
    public void markRelayed(long sequence, ConsistencyToken token, Instant now) {
        sql.inOwnTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(RELAYED)) {
                Sql.setInstant(ps, 1, now);
                ps.setString(2, token.value());
                ps.setLong(3, sequence);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void markFailed(long sequence, int attempts, String error, Instant nextAttemptAt) {
        sql.inOwnTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(FAILED)) {
                ps.setInt(1, attempts);
                ps.setString(2, error);
                Sql.setInstant(ps, 3, nextAttemptAt);
                ps.setLong(4, sequence);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<OutboxEntry> find(long sequence) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(FIND)) {
                ps.setLong(1, sequence);
                List<OutboxEntry> found = entries(ps);
                return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
            }
        });
    }

    @Override
    public OutboxLag lag(Instant now) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(LAG); ResultSet rs = ps.executeQuery()) {
                rs.next();
                long pending = rs.getLong(1);
                Instant oldest = Sql.instant(rs, "oldest");
                if (oldest == null) {
                    return OutboxLag.NONE;
                }
                Duration age = Duration.between(oldest, now);
                return new OutboxLag(pending, age.isNegative() ? Duration.ZERO : age);
            }
        });
    }

    @Override
    public int purgeRelayed(Instant relayedBefore) {
        return sql.inOwnLongTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(PURGE)) {
                Sql.setInstant(ps, 1, relayedBefore);
                return ps.executeUpdate();
            }
        });
    }

    private static List<Long> longs(Connection c, String query, int limit) throws SQLException {
        List<Long> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(query)) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getLong(1));
                }
            }
        }
        return found;
    }

    private static List<OutboxEntry> entries(PreparedStatement ps) throws SQLException {
        List<OutboxEntry> found = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Instant relayedAt = Sql.instant(rs, "relayed_at");
                String token = rs.getString("consistency_token");
                found.add(new OutboxEntry(rs.getLong("seq"), change(rs.getString("kind"), rs.getString("payload")),
                        Sql.instant(rs, "created_at"), rs.getInt("attempts"), Sql.instant(rs, "next_attempt_at"),
                        Optional.ofNullable(rs.getString("last_error")), Optional.ofNullable(relayedAt),
                        Optional.ofNullable(token).map(ConsistencyToken::new)));
            }
        }
        return found;
    }

    // --- payload ----------------------------------------------------------------------------------

    static String payload(RelationshipChange change) {
        ObjectNode root = JSON.createObjectNode();
        if (change instanceof RelationshipChange.Write w) {
            ArrayNode updates = root.putArray("updates");
            for (RelationshipUpdate u : w.updates()) {
                updates.addObject()
                        .put("operation", u.operation().name())
                        .put("relationship", u.relationship().toString());
            }
        } else {
            RelationshipFilter f = ((RelationshipChange.Delete) change).filter();
            ObjectNode filter = root.putObject("filter");
            f.resourceType().ifPresent(v -> filter.put("resource_type", v));
            f.resourceId().ifPresent(v -> filter.put("resource_id", v));
            f.relation().ifPresent(v -> filter.put("relation", v));
            f.subjectType().ifPresent(v -> filter.put("subject_type", v));
            f.subjectId().ifPresent(v -> filter.put("subject_id", v));
            f.subjectRelation().ifPresent(v -> filter.put("subject_relation", v));
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize an outbox change", e);
        }
    }

    static RelationshipChange change(String kind, String payload) {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("relationship_outbox holds a payload that is not JSON", e);
        }
        switch (kind) {
            case "write" -> {
                List<RelationshipUpdate> updates = new ArrayList<>();
                for (JsonNode u : root.path("updates")) {
                    updates.add(new RelationshipUpdate(RelationshipUpdate.Operation.valueOf(u.path("operation").asText()),
                            RelationshipText.parse(u.path("relationship").asText()).relationship()));
                }
                return new RelationshipChange.Write(updates);
            }
            case "delete" -> {
                JsonNode f = root.path("filter");
                RelationshipFilter filter = RelationshipFilter.any();
                filter = with(f, "resource_type", filter, filter::withResourceType);
                filter = with(f, "resource_id", filter, filter::withResourceId);
                filter = with(f, "relation", filter, filter::withRelation);
                filter = with(f, "subject_type", filter, filter::withSubjectType);
                filter = with(f, "subject_id", filter, filter::withSubjectId);
                filter = with(f, "subject_relation", filter, filter::withSubjectRelation);
                return new RelationshipChange.Delete(filter);
            }
            default -> throw new IllegalStateException("relationship_outbox holds an unknown kind: " + kind);
        }
    }

    private static RelationshipFilter with(JsonNode f, String field, RelationshipFilter current,
                                           Function<String, RelationshipFilter> set) {
        return f.hasNonNull(field) ? set.apply(f.get(field).asText()) : current;
    }
}
