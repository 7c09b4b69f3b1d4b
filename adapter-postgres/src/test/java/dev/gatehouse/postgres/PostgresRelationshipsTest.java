package dev.gatehouse.postgres;

import dev.gatehouse.core.testing.Race;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipFilter;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.Relationships;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.contract.RelationshipsContract;
import dev.gatehouse.core.memory.MemoryRelationships;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link Relationships} contract against PostgreSQL, through the beans of {@link PostgresStores},
 * plus the memory store's own tests (rollback with an outer transaction, concurrent writers) and
 * what only the database can get wrong (lost revisions, writers waiting for each other, CREATE races,
 * snapshots, precision).
 */
class PostgresRelationshipsTest extends RelationshipsContract {
    @RegisterExtension
    static final AdapterBeans BEANS = AdapterBeans.onFreshDatabase();

    private static final ObjectRef DOC = new ObjectRef("document", "d1");
    private static final SubjectRef TOM = SubjectRef.of("user", "tom");
    private static final Relationship TOM_VIEWS = Relationship.of(DOC, "viewer", TOM);

    /** Called before every test, the contract's and these. */
    @Override
    protected Relationships relationships() {
        BEANS.database().truncateAllTables();
        return store();
    }

    private static Relationships store() {
        return BEANS.bean(dev.gatehouse.core.platform.PlatformStores.class).relationships();
    }

    private static Transactions tx() {
        return BEANS.bean(Transactions.class);
    }

    private static Relationship viewer(String doc, String user) {
        return Relationship.of(new ObjectRef("document", doc), "viewer", SubjectRef.of("user", user));
    }

    private static long ok(Result<Long> r) {
        assertThat(r.isOk()).as("%s", r).isTrue();
        return r.value();
    }

    private static long count(String query) throws SQLException {
        try (Connection c = BEANS.database().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aFailedBatchInsideAnOuterTransactionRollsBackWithIt() {
        Relationships store = store();
        Result<Long> outcome = tx().inTransaction(() -> {
            store.write(List.of(RelationshipUpdate.create(TOM_VIEWS)));
            return store.write(List.of(RelationshipUpdate.create(TOM_VIEWS)));
        });
        assertThat(outcome.isOk()).isFalse();
        assertThat(store.subjectsOf(DOC, "viewer")).isEmpty();
        // the rolled-back change's revision is skipped, never handed out again
        assertThat(store.revision()).isEqualTo(1);
        assertThat(ok(store.write(List.of(RelationshipUpdate.create(TOM_VIEWS))))).isEqualTo(2);
    }

    @Test
    void aFailedBatchLeavesNothingBehindEvenWhenTheOuterTransactionCommits() {
        Relationships store = store();
        ok(store.write(List.of(RelationshipUpdate.create(TOM_VIEWS))));
        Relationship ann = viewer("d1", "ann");
        Result<Long> outcome = tx().inTransaction(() -> {
            Result<Long> failed = store.write(List.of(RelationshipUpdate.create(ann),
                    RelationshipUpdate.delete(viewer("d9", "x")), RelationshipUpdate.create(TOM_VIEWS)));
            assertThat(failed.failure().reason()).isEqualTo(Reason.CONFLICT);
            return Result.ok(0L); // the caller carries on and commits
        });
        assertThat(outcome.isOk()).isTrue();
        assertThat(store.subjectsOf(DOC, "viewer")).containsExactly(TOM_VIEWS);
        assertThat(store.revision()).isEqualTo(1);
    }

    @Test
    void concurrentWritersGetDistinctRevisionsAndLoseNothing() throws Exception {
        Relationships store = store();
        List<Result<Long>> writes = Race.run(200, 8, i -> {
            Relationship r = viewer("d" + (i % 7), "u" + i);
            // creates and touches alike take a revision
            RelationshipUpdate update = i % 2 == 0 ? RelationshipUpdate.create(r) : RelationshipUpdate.touch(r);
            return () -> store.write(List.of(update));
        });
        Set<Long> revisions = new HashSet<>();
        for (Result<Long> w : writes) {
            revisions.add(ok(w));
        }
        assertThat(revisions).hasSize(200).allMatch(r -> r >= 1 && r <= 200);
        assertThat(store.revision()).isEqualTo(200);
        int total = 0;
        for (int d = 0; d < 7; d++) {
            total += store.subjectsOf(new ObjectRef("document", "d" + d), "viewer").size();
        }
        assertThat(total).isEqualTo(200);
    }

    @Test
    void ofConcurrentCreatesOfOneRelationshipExactlyOneSucceedsAndTheOthersConflict() throws Exception {
        Relationships store = store();
        int n = 16;
        int succeeded = 0;
        for (Result<Long> r : Race.run(n, n, i -> () -> store.write(List.of(RelationshipUpdate.create(TOM_VIEWS))))) {
            if (r.isOk()) {
                succeeded++;
            } else {
                assertThat(r.failure().reason()).isEqualTo(Reason.CONFLICT);
            }
        }
        assertThat(succeeded).isEqualTo(1);
        assertThat(store.subjectsOf(DOC, "viewer")).containsExactly(TOM_VIEWS);
        // a loser that passed the existence check before the winner committed took a number too
        assertThat(store.revision()).isBetween(1L, (long) n);
    }

    @Test
    void writersDoNotWaitForEachOther() throws Exception {
        Relationships store = store();
        ExecutorService other = Executors.newSingleThreadExecutor();
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            Future<Result<Long>> slow = other.submit(() -> tx().inTransaction(() -> {
                Result<Long> r = store.write(List.of(RelationshipUpdate.create(viewer("d1", "slow"))));
                written.countDown();
                await(release);
                return r;
            }));
            written.await();
            // While the first writer's transaction is open, a second writer takes the next revision
            // and commits at once (until V19_2 it waited for the first on the one revision row).
            ExecutorService second = Executors.newSingleThreadExecutor();
            long fast;
            try {
                // a deadline, not a pause: the write answers at once unless it waits for the first writer
                fast = ok(second.submit(() -> store.write(List.of(RelationshipUpdate.create(viewer("d2", "fast")))))
                        .get(30, java.util.concurrent.TimeUnit.SECONDS));
            } finally {
                second.shutdownNow();
            }
            assertThat(fast).isEqualTo(2);
            assertThat(store.subjectsOf(new ObjectRef("document", "d2"), "viewer")).containsExactly(viewer("d2", "fast"));
            assertThat(store.subjectsOf(DOC, "viewer")).as("the first writer has not committed").isEmpty();
            release.countDown();
            assertThat(ok(slow.get())).isEqualTo(1);
            assertThat(store.subjectsOf(DOC, "viewer")).containsExactly(viewer("d1", "slow"));
            assertThat(store.revision()).isEqualTo(2);
        } finally {
            release.countDown();
            other.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aReadOnlyTransactionReadsOneSnapshot() throws Exception {
        Relationships store = store();
        ok(store.write(List.of(RelationshipUpdate.create(TOM_VIEWS))));
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            List<Object> seen = tx().readOnly(() -> {
                List<Object> inside = new ArrayList<>();
                inside.add(store.subjectsOf(DOC, "viewer"));
                try {
                    other.submit(() -> ok(store.write(List.of(RelationshipUpdate.create(viewer("d1", "ann")),
                            RelationshipUpdate.delete(TOM_VIEWS))))).get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                inside.add(store.subjectsOf(DOC, "viewer"));
                inside.add(store.revision());
                return inside;
            });
            // the relationships are the snapshot's; the revision is the sequence's (not transactional)
            assertThat(seen).containsExactly(List.of(TOM_VIEWS), List.of(TOM_VIEWS), 2L);
            assertThat(store.subjectsOf(DOC, "viewer")).containsExactly(viewer("d1", "ann"));
            assertThat(store.revision()).isEqualTo(2);
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void onlyReadOnlyTransactionsUseASnapshotAndThePooledConnectionForgetsIt() {
        Sql sql = BEANS.bean(Sql.class);
        String read = tx().readOnly(() -> sql.run(PostgresRelationshipsTest::isolation));
        String write = tx().inTransaction(() -> sql.run(PostgresRelationshipsTest::isolation));
        String outside = sql.run(PostgresRelationshipsTest::isolation);
        String readAgain = tx().readOnly(() -> sql.run(PostgresRelationshipsTest::isolation));
        assertThat(List.of(read, write, outside, readAgain))
                .containsExactly("repeatable read", "read committed", "read committed", "repeatable read");
    }

    private static String isolation(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW transaction_isolation")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aWriteInsideAReadOnlyTransactionThrows() {
        Relationships store = store();
        assertThatThrownBy(() -> tx().readOnly(() -> store.write(List.of(RelationshipUpdate.create(TOM_VIEWS)))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(store.revision()).isZero();
    }

    @Test
    void returnsRelationshipsInCreationOrderLikeTheMemoryStore() {
        MemoryRelationships memory = new MemoryRelationships(new MemoryTransactions());
        Relationships postgres = store();
        List<List<RelationshipUpdate>> batches = List.of(
                List.of(RelationshipUpdate.create(viewer("d1", "c")), RelationshipUpdate.touch(viewer("d1", "a")),
                        RelationshipUpdate.create(viewer("d2", "c"))),
                List.of(RelationshipUpdate.create(viewer("d1", "b")),
                        RelationshipUpdate.create(Relationship.of(DOC, "viewer", SubjectRef.parse("team:t#member")))),
                // touching an existing one keeps its place; deleting and creating again moves it last
                List.of(RelationshipUpdate.touch(Relationship.expiring(DOC, "viewer", SubjectRef.of("user", "c"),
                        Instant.parse("2030-01-01T00:00:00Z")))),
                List.of(RelationshipUpdate.delete(viewer("d1", "a"))),
                List.of(RelationshipUpdate.touch(viewer("d1", "a")), RelationshipUpdate.create(viewer("d3", "c"))));
        for (List<RelationshipUpdate> batch : batches) {
            assertThat(ok(postgres.write(batch))).isEqualTo(ok(memory.write(batch)));
        }
        assertThat(postgres.subjectsOf(DOC, "viewer")).containsExactlyElementsOf(memory.subjectsOf(DOC, "viewer"));
        assertThat(postgres.relatedTo("user", "c", Optional.empty()))
                .containsExactlyElementsOf(memory.relatedTo("user", "c", Optional.empty()));
        assertThat(postgres.find(RelationshipFilter.any().withRelation("viewer")))
                .containsExactlyInAnyOrderElementsOf(memory.find(RelationshipFilter.any().withRelation("viewer")));
        assertThat(postgres.subjectsOf(DOC, "viewer")).extracting(r -> r.subject().toString())
                .containsExactly("user:c", "user:b", "team:t#member", "user:a");
    }

    @Test
    void keepsExpirationsToTheMicrosecondNeverLater() {
        Relationships store = store();
        Instant precise = Instant.parse("2030-01-01T00:00:00.123456999Z");
        ok(store.write(List.of(RelationshipUpdate.create(Relationship.expiring(DOC, "viewer", TOM, precise)))));
        assertThat(store.subjectsOf(DOC, "viewer")).containsExactly(
                Relationship.expiring(DOC, "viewer", TOM, Instant.parse("2030-01-01T00:00:00.123456Z")));
    }

    @Test
    void storesTheLongestIdsTheModelAllows() {
        Relationships store = store();
        String longId = "x".repeat(1024);
        Relationship r = Relationship.of(new ObjectRef("document", longId), "viewer", SubjectRef.of("user", longId));
        ok(store.write(List.of(RelationshipUpdate.create(r))));
        assertThat(store.relatedTo("user", longId, Optional.of(SubjectRef.ELLIPSIS))).containsExactly(r);
        assertThat(store.subjectsOf(r.resource(), "viewer")).containsExactly(r);
    }

    @Test
    void storesAPlainSubjectWithTheEllipsisAsItsRelation() throws SQLException {
        store().write(List.of(RelationshipUpdate.create(TOM_VIEWS),
                RelationshipUpdate.create(Relationship.of(DOC, "viewer", SubjectRef.wildcard("user")))));
        assertThat(count("SELECT count(*) FROM relationships WHERE subject_relation = '...'")).isEqualTo(2);
        assertThat(store().find(RelationshipFilter.any().withSubjectRelation(SubjectRef.ELLIPSIS))).hasSize(2);
    }

    @Test
    void startsCountingAgainWhenTheRelationshipsAreTruncated() {
        Relationships store = store(); // TRUNCATE … RESTART IDENTITY: the sequence is owned by the table
        assertThat(store.revision()).isZero();
        Result<Long> conflict = tx().inTransaction(() -> {
            store.write(List.of(RelationshipUpdate.create(TOM_VIEWS)));
            return store.write(List.of(RelationshipUpdate.create(TOM_VIEWS)));
        });
        assertThat(conflict.isOk()).isFalse();
        // the rolled-back first write took revision 1
        assertThat(ok(store.write(List.of(RelationshipUpdate.touch(TOM_VIEWS))))).isEqualTo(2);
        assertThat(ok(store.deleteWhere(RelationshipFilter.ofResource(DOC)))).isEqualTo(3);
        assertThat(ok(store.deleteWhere(RelationshipFilter.ofResource(DOC)))).as("even when nothing matched").isEqualTo(4);
    }

    @Test
    void usesTheIndexesForBothLookupDirections() throws SQLException {
        String forward;
        String reverse;
        try (Connection c = BEANS.database().connect(); Statement s = c.createStatement()) {
            s.execute("SET enable_seqscan = off");
            forward = plan(s, "EXPLAIN SELECT * FROM relationships WHERE resource_type = 'document'"
                    + " AND resource_id = 'd1' AND relation = 'viewer'");
            reverse = plan(s, "EXPLAIN SELECT * FROM relationships WHERE subject_type = 'user'"
                    + " AND subject_id = 'tom' AND subject_relation = '...'");
        }
        assertThat(forward).contains("relationships_pkey");
        assertThat(reverse).contains("relationships_subject_idx");
    }

    private static String plan(Statement s, String explain) throws SQLException {
        StringBuilder text = new StringBuilder();
        try (ResultSet rs = s.executeQuery(explain)) {
            while (rs.next()) {
                text.append(rs.getString(1)).append('\n');
            }
        }
        return text.toString();
    }
}
