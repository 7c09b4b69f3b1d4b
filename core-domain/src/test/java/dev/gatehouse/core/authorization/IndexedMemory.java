package dev.gatehouse.core.authorization;

import dev.gatehouse.core.memory.MemoryRelationships;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.shared.Result;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A {@link RelationshipIndex} over memory relationships for tests: the store announces each change
 * when its write returns (the way the PostgreSQL store announces its own commits), and the feed
 * answers marks at once unless {@link Feed#holdMarks} is set.
 */
final class IndexedMemory {
    private IndexedMemory() {
    }

    static RelationshipIndex over(MemoryTransactions tx, long maxRelationships) {
        Feed feed = new Feed();
        return RelationshipIndex.over(new Announcing(new MemoryRelationships(tx), feed),
                feed, new RelationshipIndex.Settings(maxRelationships, Duration.ofSeconds(1), Duration.ofMillis(100)));
    }

    /** A feed driven by the test. */
    static final class Feed implements RelationshipChanges {
        RelationshipChanges.Listener listener;
        volatile boolean holdMarks;
        volatile boolean inTransaction;
        final List<Long> heldMarks = new java.util.concurrent.CopyOnWriteArrayList<>();
        Consumer<Long> onMark = id -> { };

        @Override
        public void start(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void mark(long id) {
            onMark.accept(id);
            if (holdMarks) {
                heldMarks.add(id);
            } else {
                listener.marked(id);
            }
        }

        void releaseMarks() {
            holdMarks = false;
            for (Long id : heldMarks) {
                listener.marked(id);
            }
            heldMarks.clear();
        }

        @Override
        public boolean inTransaction() {
            return inTransaction;
        }

        @Override
        public void close() {
        }
    }

    /** Announces every committed change to the feed, naming the objects it touched. */
    static class Announcing implements Relationships {
        private final Relationships store;
        private final Feed feed;

        Announcing(Relationships store, Feed feed) {
            this.store = store;
            this.feed = feed;
        }

        @Override
        public Result<Long> write(List<RelationshipUpdate> updates) {
            Result<Long> r = store.write(updates);
            if (r.isOk()) {
                Collection<String> objects = new ArrayList<>();
                for (RelationshipUpdate u : updates) {
                    objects.add(u.relationship().resource().toString());
                    SubjectRef s = u.relationship().subject();
                    objects.add(s.type() + ":" + s.id());
                }
                feed.listener.changed(r.value(), objects, false);
            }
            return r;
        }

        @Override
        public Result<Long> deleteWhere(RelationshipFilter filter) {
            Result<Long> r = store.deleteWhere(filter);
            if (r.isOk()) {
                feed.listener.changed(r.value(), List.of(), true);
            }
            return r;
        }

        @Override
        public List<Relationship> subjectsOf(ObjectRef resource, String relation) {
            return store.subjectsOf(resource, relation);
        }

        @Override
        public List<Relationship> relatedTo(String subjectType, String subjectId, Optional<String> subjectRelation) {
            return store.relatedTo(subjectType, subjectId, subjectRelation);
        }

        @Override
        public List<Relationship> find(RelationshipFilter filter) {
            return store.find(filter);
        }

        @Override
        public long revision() {
            return store.revision();
        }
    }
}
