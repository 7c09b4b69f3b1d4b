package dev.gatehouse.core.memory;

import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.Relationships;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.contract.RelationshipsContract;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryRelationshipsTest extends RelationshipsContract {
    @Override
    protected Relationships relationships() {
        return new MemoryRelationships(new MemoryTransactions());
    }

    @Test
    void readsOfAnObjectsRelationsFollowWritesAndRollbackWithinATransaction() {
        MemoryTransactions tx = new MemoryTransactions();
        MemoryRelationships store = new MemoryRelationships(tx);
        ObjectRef doc = new ObjectRef("document", "d1");
        Relationship owner = Relationship.of(doc, "owner", SubjectRef.of("user", "ann"));
        Relationship editor = Relationship.of(doc, "editor", SubjectRef.of("user", "bob"));
        Relationship viewer = Relationship.of(doc, "viewer", SubjectRef.of("user", "cid"));
        Relationship viewer2 = Relationship.of(doc, "viewer", SubjectRef.of("user", "dan"));
        store.write(List.of(RelationshipUpdate.create(owner), RelationshipUpdate.create(editor),
                RelationshipUpdate.create(viewer)));
        assertThat(store.relationsOf(doc).apply("viewer")).containsExactly(viewer);

        Result<Long> outcome = tx.inTransaction(() -> {
            // the first relation goes entirely, another gains a relationship: the rest stay readable
            store.write(List.of(RelationshipUpdate.delete(owner), RelationshipUpdate.create(viewer2)));
            var relations = store.relationsOf(doc);
            assertThat(relations.apply("owner")).isEmpty();
            assertThat(relations.apply("editor")).containsExactly(editor);
            assertThat(relations.apply("viewer")).containsExactly(viewer, viewer2);
            assertThat(store.subjectsOf(doc, "viewer")).containsExactly(viewer, viewer2);
            return Result.fail(Reason.VALIDATION, "roll back");
        });

        assertThat(outcome.isOk()).isFalse();
        var relations = store.relationsOf(doc);
        assertThat(relations.apply("owner")).containsExactly(owner);
        assertThat(relations.apply("editor")).containsExactly(editor);
        assertThat(relations.apply("viewer")).containsExactly(viewer);
        assertThat(relations.apply("nothing")).isEmpty();
        assertThat(store.relationsOf(new ObjectRef("document", "d2")).apply("viewer")).isEmpty();
    }

    @Test
    void aFailedBatchInsideAnOuterTransactionRollsBackWithIt() {
        MemoryTransactions tx = new MemoryTransactions();
        MemoryRelationships store = new MemoryRelationships(tx);
        Relationship r = Relationship.of(new ObjectRef("document", "d1"), "viewer", SubjectRef.of("user", "tom"));
        Result<Long> outcome = tx.inTransaction(() -> {
            store.write(List.of(RelationshipUpdate.create(r)));
            return store.write(List.of(RelationshipUpdate.create(r)));
        });
        assertThat(outcome.isOk()).isFalse();
        assertThat(store.subjectsOf(r.resource(), "viewer")).isEmpty();
        assertThat(store.revision()).isZero();
    }

    @Test
    void aFailedBatchLeavesNoPartialWriteEvenWhenTheOuterTransactionCommits() {
        MemoryTransactions tx = new MemoryTransactions();
        MemoryRelationships store = new MemoryRelationships(tx);
        Relationship existing = Relationship.of(new ObjectRef("document", "d1"), "viewer", SubjectRef.of("user", "tom"));
        Relationship fresh = Relationship.of(new ObjectRef("document", "d2"), "viewer", SubjectRef.of("user", "ann"));
        store.write(List.of(RelationshipUpdate.create(existing)));
        String outcome = tx.inTransaction(() -> {
            Result<Long> batch = store.write(List.of(RelationshipUpdate.create(fresh), RelationshipUpdate.create(existing)));
            assertThat(batch.isOk()).isFalse();
            return "the caller ignores the failure and commits";
        });
        assertThat(outcome).isNotNull();
        assertThat(store.subjectsOf(fresh.resource(), "viewer")).isEmpty();
        assertThat(store.revision()).isEqualTo(1);
    }

    @Test
    void concurrentWritersGetDistinctRevisionsAndLoseNothing() throws Exception {
        MemoryRelationships store = new MemoryRelationships(new MemoryTransactions());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Result<Long>>> writes = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                Relationship r = Relationship.of(new ObjectRef("document", "d" + (i % 7)), "viewer",
                        SubjectRef.of("user", "u" + i));
                writes.add(pool.submit(() -> store.write(List.of(RelationshipUpdate.create(r)))));
            }
            java.util.Set<Long> revisions = new java.util.HashSet<>();
            for (Future<Result<Long>> f : writes) {
                revisions.add(f.get().value());
            }
            assertThat(revisions).hasSize(200);
            assertThat(store.revision()).isEqualTo(200);
            int total = 0;
            for (int d = 0; d < 7; d++) {
                total += store.subjectsOf(new ObjectRef("document", "d" + d), "viewer").size();
            }
            assertThat(total).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
    }
}
