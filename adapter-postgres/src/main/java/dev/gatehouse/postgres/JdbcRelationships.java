package dev.gatehouse.postgres;

import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipCaveat;
import dev.gatehouse.core.authorization.RelationshipFilter;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.Relationships;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.JsonText;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@link Relationships} in {@code relationships}, with the revision from the sequence
 * {@code relationships_revision_seq}. Behaves as the memory store: reads return relationships in the
 * order they were first created (a TOUCH of an existing one keeps its place), and every change (a
 * batch, or a delete by filter, even one that matched nothing) takes a new, greater revision.
 *
 * <p>A change runs in the ambient transaction ({@link Transactions}, joining the caller's or opening
 * its own). Writers do not wait for each other (ADR 0022; until V19_2 they queued on one locked
 * revision row): each takes the next number of the sequence, so revisions are distinct and increase
 * in the order writers take them, a change that rolls back leaves a gap, and a revision can be handed
 * out before an earlier one commits. The token of a change is returned once it is written, so a
 * caller that reads with it (after its commit) sees the change. A batch with a CREATE of an existing
 * relationship fails with {@code CONFLICT} and leaves nothing behind even when the caller's
 * transaction goes on to commit: checked before anything is written, and for a concurrent writer's
 * row that commits in between, the unique key's violation rolls the batch back to a savepoint.
 *
 * <p>Expirations are stored to the microsecond (PostgreSQL's precision), truncated rather than
 * rounded so that an expiration never moves later.
 */
final class JdbcRelationships implements Relationships {
    private static final String COLUMNS = "resource_type, resource_id, relation, subject_type, subject_id,"
            + " subject_relation, expires_at, caveat_name, caveat_context";
    private static final String KEY = "resource_type = ? AND resource_id = ? AND relation = ? AND subject_type = ?"
            + " AND subject_id = ? AND subject_relation = ?";
    private static final String ORDER = " ORDER BY created_revision, created_position";

    /**
     * The next revision, announcing the change on {@link #CHANNEL} in the same statement: one
     * notification per chunk of {@code "<chunks> <type:id> …"}, each prefixed with the revision.
     * PostgreSQL delivers them when (and only if) the transaction commits.
     */
    private static final String NEXT_REVISION = "SELECT v, (SELECT count(pg_notify('" + PgRelationshipChanges.CHANNEL
            + "', v || ' ' || p)) FROM unnest(?::text[]) AS p) AS announced FROM (SELECT nextval('relationships_revision_seq') AS v) r";
    /** Objects a change may name; past this it announces "everything". */
    static final int MAX_NAMED_OBJECTS = 5_000;
    /** Bytes of one notification's payload (PostgreSQL allows just under 8,000). */
    private static final int MAX_CHUNK = 7_000;
    /** The last revision handed out; 0 before any. */
    private static final String CURRENT_REVISION = "SELECT CASE WHEN is_called THEN last_value ELSE 0 END"
            + " FROM relationships_revision_seq";
    private static final String UNIQUE_VIOLATION = "23505";

    /** The first of the given keys (in batch order) that exists. */
    private static final String FIRST_EXISTING = "SELECT k.ord FROM unnest(?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::text[], ?::text[]) WITH ORDINALITY AS k(rt, ri, rel, st, si, sr, ord)"
            + " JOIN relationships r ON r.resource_type = k.rt AND r.resource_id = k.ri AND r.relation = k.rel"
            + " AND r.subject_type = k.st AND r.subject_id = k.si AND r.subject_relation = k.sr"
            + " ORDER BY k.ord LIMIT 1";
    private static final String INSERT = "INSERT INTO relationships (" + COLUMNS + ", created_revision, created_position)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPSERT = INSERT + " ON CONFLICT (resource_type, resource_id, relation, subject_type,"
            + " subject_id, subject_relation) DO UPDATE SET expires_at = EXCLUDED.expires_at,"
            + " caveat_name = EXCLUDED.caveat_name, caveat_context = EXCLUDED.caveat_context";
    private static final String DELETE = "DELETE FROM relationships WHERE " + KEY;
    /**
     * One touch with its revision, in one statement: the next revision (announced, as
     * {@link #NEXT_REVISION}; a volatile CTE runs once) and the upsert, returning the revision.
     */
    private static final String TOUCH_ONE = "WITH r AS (" + NEXT_REVISION + ") " + UPSERT
            .replace("VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT v FROM r), 0)")
            + " RETURNING (SELECT v FROM r WHERE announced >= 0)";

    private static final String SUBJECTS_OF = "SELECT " + COLUMNS + " FROM relationships"
            + " WHERE resource_type = ? AND resource_id = ? AND relation = ?" + ORDER;
    private static final String RELATED_TO = "SELECT " + COLUMNS + " FROM relationships"
            + " WHERE subject_type = ? AND subject_id = ?";

    /** Hears this process's own changes right after they commit (the index of this instance). */
    interface Announcer {
        Announcer NONE = (revision, objects, everything) -> { };

        /** Change {@code revision}, touching {@code objects}, is written: deliver it when its transaction commits. */
        void afterCommit(long revision, Collection<String> objects, boolean everything);
    }

    private final Sql sql;
    private final Transactions transactions;
    private final Announcer announcer;

    JdbcRelationships(Sql sql, Transactions transactions) {
        this(sql, transactions, Announcer.NONE);
    }

    JdbcRelationships(Sql sql, Transactions transactions, Announcer announcer) {
        this.sql = sql;
        this.transactions = transactions;
        this.announcer = announcer;
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
            Optional<Relationship> existing = firstExisting(c, creates);
            if (existing.isPresent()) {
                return Result.<Long>fail(conflict(existing.get()));
            }
            Set<String> objects = new LinkedHashSet<>();
            for (RelationshipUpdate u : updates) {
                objects.add(object(u.relationship().resource().type(), u.relationship().resource().id()));
                objects.add(object(u.relationship().subject().type(), u.relationship().subject().id()));
            }
            if (updates.size() == 1 && updates.get(0).operation() == RelationshipUpdate.Operation.TOUCH) {
                // a membership's grant: the revision and the upsert in one statement (issue 19)
                long revision = Sql.one(c, TOUCH_ONE, rs -> rs.getLong(1), touchOne(objects, updates.get(0).relationship()))
                        .orElseThrow();
                announcer.afterCommit(revision, objects, false);
                return Result.ok(revision);
            }
            long revision = nextRevision(c, objects);
            // Only a CREATE can meet the unique key (an upsert resolves its conflict, a delete has
            // none): a batch of touches and deletes needs no savepoint, two round trips fewer (issue 19).
            Savepoint before = creates.isEmpty() ? null : c.setSavepoint();
            try {
                apply(c, updates, revision);
            } catch (SQLException e) {
                if (before == null || !isUniqueViolation(e)) {
                    throw e;
                }
                // a concurrent writer committed one of the CREATEs since the check: undo the batch
                c.rollback(before);
                return Result.<Long>fail(firstExisting(c, creates).map(JdbcRelationships::conflict)
                        .orElseGet(() -> Failure.conflict("a relationship of the batch was created concurrently")));
            }
            if (before != null) {
                c.releaseSavepoint(before);
            }
            announcer.afterCommit(revision, objects, objects.size() > MAX_NAMED_OBJECTS);
            return Result.ok(revision);
        }));
    }

    private static Failure conflict(Relationship existing) {
        return Failure.conflict("relationship " + existing.key() + " already exists");
    }

    private static boolean isUniqueViolation(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (UNIQUE_VIOLATION.equals(x.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Result<Long> deleteWhere(RelationshipFilter filter) {
        if (filter.isUnrestricted()) {
            return Result.fail(Reason.VALIDATION, "a delete filter must name at least one field");
        }
        Where where = Where.of(filter);
        return transactions.inTransaction(() -> sql.run(c -> {
            Set<String> objects = new LinkedHashSet<>();
            for (String[] row : Sql.query(c, "DELETE FROM relationships WHERE " + where.sql()
                            + " RETURNING resource_type, resource_id, subject_type, subject_id",
                    rs -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)},
                    where.values().toArray())) {
                objects.add(object(row[0], row[1]));
                objects.add(object(row[2], row[3]));
            }
            long revision = nextRevision(c, objects);
            announcer.afterCommit(revision, objects, objects.size() > MAX_NAMED_OBJECTS);
            return Result.ok(revision);
        }));
    }

    @Override
    public List<Relationship> subjectsOf(ObjectRef resource, String relation) {
        return sql.query(SUBJECTS_OF, RelationshipRows::map, resource.type(), resource.id(), relation);
    }

    @Override
    public List<Relationship> relatedTo(String subjectType, String subjectId, Optional<String> subjectRelation) {
        return subjectRelation.isPresent()
                ? sql.query(RELATED_TO + " AND subject_relation = ?" + ORDER, RelationshipRows::map, subjectType, subjectId,
                        subjectRelation.get())
                : sql.query(RELATED_TO + ORDER, RelationshipRows::map, subjectType, subjectId);
    }

    @Override
    public List<Relationship> find(RelationshipFilter filter) {
        Where where = Where.of(filter);
        String query = "SELECT " + COLUMNS + " FROM relationships"
                + (where.values().isEmpty() ? "" : " WHERE " + where.sql()) + ORDER;
        return sql.query(query, RelationshipRows::map, where.values().toArray());
    }

    @Override
    public long revision() {
        return sql.one(CURRENT_REVISION, rs -> rs.getLong(1)).orElse(0L);
    }

    private static long nextRevision(Connection c, Collection<String> objects) throws SQLException {
        return Sql.one(c, NEXT_REVISION, rs -> rs.getLong(1), (Object) chunks(objects)).orElseThrow();
    }

    /** {@link #TOUCH_ONE}'s parameters: the announcement's payloads, then the row without its revision and position. */
    private static Object[] touchOne(Collection<String> objects, Relationship r) {
        Object[] row = row(r, 0, 0);
        Object[] params = new Object[row.length - 1];
        params[0] = chunks(objects);
        System.arraycopy(row, 0, params, 1, row.length - 2);
        return params;
    }

        private static String object(String type, String id) {
        return type + ":" + id;
    }

    /**
     * The announcement's payloads: {@code "<n> <type:id> …"} of at most {@link #MAX_CHUNK} bytes
     * each, {@code n} the number of payloads; {@code "1 *"} (everything) past {@link #MAX_NAMED_OBJECTS}.
     */
    static String[] chunks(Collection<String> objects) {
        if (objects.size() > MAX_NAMED_OBJECTS) {
            return new String[]{"1 *"};
        }
        List<StringBuilder> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        chunks.add(current);
        for (String o : objects) {
            if (current.length() > 0 && current.length() + o.length() + 1 > MAX_CHUNK) {
                current = new StringBuilder();
                chunks.add(current);
            }
            if (current.length() > 0) {
                current.append(' ');
            }
            current.append(o);
        }
        String n = Integer.toString(chunks.size());
        return chunks.stream().map(b -> b.length() == 0 ? n : n + " " + b).toArray(String[]::new);
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
        // one text[] per key column
        return Sql.one(c, FIRST_EXISTING, rs -> candidates.get((int) rs.getLong(1) - 1), (Object[]) columns);
    }

    /** Applies the batch, each operation kind as one JDBC batch; keys are distinct, so order does not matter. */
    private static void apply(Connection c, List<RelationshipUpdate> updates, long revision) throws SQLException {
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> upserts = new ArrayList<>();
        List<Object[]> deletes = new ArrayList<>();
        for (int position = 0; position < updates.size(); position++) {
            RelationshipUpdate u = updates.get(position);
            Relationship r = u.relationship();
            switch (u.operation()) {
                case CREATE -> inserts.add(row(r, revision, position));
                case TOUCH -> upserts.add(row(r, revision, position));
                case DELETE -> deletes.add(key(r));
            }
        }
        Sql.batch(c, DELETE, deletes);
        Sql.batch(c, INSERT, inserts);
        Sql.batch(c, UPSERT, upserts);
    }

    private static String[] key(Relationship r) {
        return new String[]{r.resource().type(), r.resource().id(), r.relation(),
                r.subject().type(), r.subject().id(), r.subject().relation()};
    }

    /** The values of an inserted row: {@link #COLUMNS}, then the revision and the position in the batch. */
    private static Object[] row(Relationship r, long revision, int position) {
        List<Object> values = new ArrayList<>(List.of((Object[]) key(r)));
        values.add(r.expiration().map(e -> e.truncatedTo(ChronoUnit.MICROS)).orElse(null));
        values.add(r.caveat().map(RelationshipCaveat::name).orElse(null));
        values.add(r.caveat().map(c -> JsonText.write(c.context())).orElse(null));
        values.add(revision);
        values.add(position);
        return values.toArray();
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
    }
}
