package dev.gatehouse.postgres;

import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipFilter;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.Relationships;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@link Relationships} in {@code relationships}, with the revision in the one-row
 * {@code relationships_revision}. Behaves as the memory store: reads return relationships in the
 * order they were first created (a TOUCH of an existing one keeps its place), the revision rises by
 * one per change (a batch, or a delete by filter, even one that matched nothing).
 *
 * <p>A change runs in the ambient transaction ({@link Transactions}, joining the caller's or opening
 * its own) and starts by locking the revision row, so concurrent writers are serialized: each sees
 * the others' committed relationships (a CREATE conflict cannot slip between check and insert) and
 * commits a distinct, greater revision, never visible before the relationships it contains. A batch
 * that fails (a CREATE of an existing relationship) has changed nothing by then, so it leaves nothing
 * behind even when the caller's transaction goes on to commit.
 *
 * <p>Expirations are stored to the microsecond (PostgreSQL's precision), truncated rather than
 * rounded so that an expiration never moves later.
 */
final class JdbcRelationships implements Relationships {
    private static final String COLUMNS = "resource_type, resource_id, relation, subject_type, subject_id,"
            + " subject_relation, expires_at";
    private static final String KEY = "resource_type = ? AND resource_id = ? AND relation = ? AND subject_type = ?"
            + " AND subject_id = ? AND subject_relation = ?";
    private static final String ORDER = " ORDER BY created_revision, created_position";

    /** Locks the revision row without changing it; recreates it (at 0) if someone emptied the table. */
    private static final String LOCK_REVISION = "INSERT INTO relationships_revision AS v (id, revision) VALUES (true, 0)"
            + " ON CONFLICT (id) DO UPDATE SET revision = v.revision RETURNING revision";
    private static final String RAISE_REVISION = "INSERT INTO relationships_revision AS v (id, revision) VALUES (true, 1)"
            + " ON CONFLICT (id) DO UPDATE SET revision = v.revision + 1 RETURNING revision";
    private static final String SET_REVISION = "UPDATE relationships_revision SET revision = ? WHERE id";
    private static final String CURRENT_REVISION = "SELECT revision FROM relationships_revision WHERE id";

    /** The first of the given keys (in batch order) that exists. */
    private static final String FIRST_EXISTING = "SELECT k.ord FROM unnest(?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::text[], ?::text[]) WITH ORDINALITY AS k(rt, ri, rel, st, si, sr, ord)"
            + " JOIN relationships r ON r.resource_type = k.rt AND r.resource_id = k.ri AND r.relation = k.rel"
            + " AND r.subject_type = k.st AND r.subject_id = k.si AND r.subject_relation = k.sr"
            + " ORDER BY k.ord LIMIT 1";
    private static final String INSERT = "INSERT INTO relationships (" + COLUMNS + ", created_revision, created_position)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPSERT = INSERT + " ON CONFLICT (resource_type, resource_id, relation, subject_type,"
            + " subject_id, subject_relation) DO UPDATE SET expires_at = EXCLUDED.expires_at";
    private static final String DELETE = "DELETE FROM relationships WHERE " + KEY;

    private static final String SUBJECTS_OF = "SELECT " + COLUMNS + " FROM relationships"
            + " WHERE resource_type = ? AND resource_id = ? AND relation = ?" + ORDER;
    private static final String RELATED_TO = "SELECT " + COLUMNS + " FROM relationships"
            + " WHERE subject_type = ? AND subject_id = ?";

    private final Sql sql;
    private final Transactions transactions;

    JdbcRelationships(Sql sql, Transactions transactions) {
        this.sql = sql;
        this.transactions = transactions;
    }

    @Override
    public Result<Long> write(List<RelationshipUpdate> updates) {
        Set<Relationship.Key> seen = new HashSet<>();
        for (RelationshipUpdate u : updates) {
            if (!seen.add(u.relationship().key())) {
                return Result.fail(Reason.VALIDATION, "the batch updates " + u.relationship().key() + " more than once");
            }
        }
        List<Relationship> creates = updates.stream()
                .filter(u -> u.operation() == RelationshipUpdate.Operation.CREATE)
                .map(RelationshipUpdate::relationship)
                .toList();
        return transactions.inTransaction(() -> sql.run(c -> {
            long revision = single(c, LOCK_REVISION) + 1;
            Optional<Relationship> existing = firstExisting(c, creates);
            if (existing.isPresent()) {
                return Result.<Long>fail(Failure.conflict("relationship " + existing.get().key() + " already exists"));
            }
            apply(c, updates, revision);
            try (PreparedStatement ps = c.prepareStatement(SET_REVISION)) {
                ps.setLong(1, revision);
                ps.executeUpdate();
            }
            return Result.ok(revision);
        }));
    }

    @Override
    public Result<Long> deleteWhere(RelationshipFilter filter) {
        if (filter.isUnrestricted()) {
            return Result.fail(Reason.VALIDATION, "a delete filter must name at least one field");
        }
        Where where = Where.of(filter);
        return transactions.inTransaction(() -> sql.run(c -> {
            long revision = single(c, RAISE_REVISION); // first: the lock orders this after earlier writers
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM relationships WHERE " + where.sql())) {
                where.bind(ps, 1);
                ps.executeUpdate();
            }
            return Result.ok(revision);
        }));
    }

    @Override
    public List<Relationship> subjectsOf(ObjectRef resource, String relation) {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(SUBJECTS_OF)) {
                ps.setString(1, resource.type());
                ps.setString(2, resource.id());
                ps.setString(3, relation);
                return list(ps);
            }
        });
    }

    @Override
    public List<Relationship> relatedTo(String subjectType, String subjectId, Optional<String> subjectRelation) {
        String query = RELATED_TO + (subjectRelation.isPresent() ? " AND subject_relation = ?" : "") + ORDER;
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(query)) {
                ps.setString(1, subjectType);
                ps.setString(2, subjectId);
                if (subjectRelation.isPresent()) {
                    ps.setString(3, subjectRelation.get());
                }
                return list(ps);
            }
        });
    }

    @Override
    public List<Relationship> find(RelationshipFilter filter) {
        Where where = Where.of(filter);
        String query = "SELECT " + COLUMNS + " FROM relationships"
                + (where.values().isEmpty() ? "" : " WHERE " + where.sql()) + ORDER;
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(query)) {
                where.bind(ps, 1);
                return list(ps);
            }
        });
    }

    @Override
    public long revision() {
        return sql.run(c -> {
            try (PreparedStatement ps = c.prepareStatement(CURRENT_REVISION); ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    private static long single(Connection c, String statement) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(statement); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Optional<Relationship> firstExisting(Connection c, List<Relationship> candidates) throws SQLException {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        String[][] columns = new String[6][candidates.size()];
        for (int i = 0; i < candidates.size(); i++) {
            String[] key = key(candidates.get(i));
            for (int col = 0; col < 6; col++) {
                columns[col][i] = key[col];
            }
        }
        try (PreparedStatement ps = c.prepareStatement(FIRST_EXISTING)) {
            List<Array> arrays = new ArrayList<>();
            try {
                for (int col = 0; col < 6; col++) {
                    Array array = c.createArrayOf("text", columns[col]);
                    arrays.add(array);
                    ps.setArray(col + 1, array);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(candidates.get((int) rs.getLong(1) - 1)) : Optional.empty();
                }
            } finally {
                for (Array a : arrays) {
                    a.free();
                }
            }
        }
    }

    /** Applies the batch, each operation kind as one JDBC batch; keys are distinct, so order does not matter. */
    private static void apply(Connection c, List<RelationshipUpdate> updates, long revision) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT);
             PreparedStatement upsert = c.prepareStatement(UPSERT);
             PreparedStatement delete = c.prepareStatement(DELETE)) {
            boolean inserts = false;
            boolean upserts = false;
            boolean deletes = false;
            for (int position = 0; position < updates.size(); position++) {
                RelationshipUpdate u = updates.get(position);
                Relationship r = u.relationship();
                switch (u.operation()) {
                    case CREATE -> {
                        bindRow(insert, r, revision, position);
                        insert.addBatch();
                        inserts = true;
                    }
                    case TOUCH -> {
                        bindRow(upsert, r, revision, position);
                        upsert.addBatch();
                        upserts = true;
                    }
                    case DELETE -> {
                        bindKey(delete, r, 1);
                        delete.addBatch();
                        deletes = true;
                    }
                }
            }
            if (deletes) {
                delete.executeBatch();
            }
            if (inserts) {
                insert.executeBatch();
            }
            if (upserts) {
                upsert.executeBatch();
            }
        }
    }

    private static String[] key(Relationship r) {
        return new String[]{r.resource().type(), r.resource().id(), r.relation(),
                r.subject().type(), r.subject().id(), r.subject().relation()};
    }

    private static int bindKey(PreparedStatement ps, Relationship r, int first) throws SQLException {
        String[] key = key(r);
        for (int i = 0; i < key.length; i++) {
            ps.setString(first + i, key[i]);
        }
        return first + key.length;
    }

    private static void bindRow(PreparedStatement ps, Relationship r, long revision, int position) throws SQLException {
        int next = bindKey(ps, r, 1);
        Sql.setInstant(ps, next, r.expiration().map(e -> e.truncatedTo(ChronoUnit.MICROS)).orElse(null));
        ps.setLong(next + 1, revision);
        ps.setInt(next + 2, position);
    }

    private static List<Relationship> list(PreparedStatement ps) throws SQLException {
        List<Relationship> found = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Instant expires = Sql.instant(rs, "expires_at");
                found.add(new Relationship(new ObjectRef(rs.getString("resource_type"), rs.getString("resource_id")),
                        rs.getString("relation"),
                        new SubjectRef(rs.getString("subject_type"), rs.getString("subject_id"),
                                rs.getString("subject_relation")),
                        Optional.ofNullable(expires)));
            }
        }
        return found;
    }

    /** The conditions of a {@link RelationshipFilter}: one equality per field it names. */
    private record Where(String sql, List<String> values) {
        static Where of(RelationshipFilter f) {
            List<String> conditions = new ArrayList<>();
            List<String> values = new ArrayList<>();
            add(conditions, values, "resource_type", f.resourceType());
            add(conditions, values, "resource_id", f.resourceId());
            add(conditions, values, "relation", f.relation());
            add(conditions, values, "subject_type", f.subjectType());
            add(conditions, values, "subject_id", f.subjectId());
            add(conditions, values, "subject_relation", f.subjectRelation());
            return new Where(String.join(" AND ", conditions), values);
        }

        private static void add(List<String> conditions, List<String> values, String column, Optional<String> value) {
            value.ifPresent(v -> {
                conditions.add(column + " = ?");
                values.add(v);
            });
        }

        void bind(PreparedStatement ps, int first) throws SQLException {
            for (int i = 0; i < values.size(); i++) {
                ps.setString(first + i, values.get(i));
            }
        }
    }
}
