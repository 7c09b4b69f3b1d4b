package dev.gatehouse.core.authorization;

import dev.gatehouse.core.memory.MemoryRelationships;
import dev.gatehouse.core.memory.MemoryTransactions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** What the index holds, when it drops it, and when it may answer (ADR 0036). */
class RelationshipIndexTest {
    private static final ObjectRef DOC = new ObjectRef("doc", "readme");
    private static final SubjectRef ANN = SubjectRef.of("user", "ann");
    private static final SubjectRef BOB = SubjectRef.of("user", "bob");

    private final MemoryTransactions tx = new MemoryTransactions();
    private final MemoryRelationships database = new MemoryRelationships(tx);
    private final IndexedMemory.Feed feed = new IndexedMemory.Feed();

    private RelationshipIndex index(Relationships store, long max, Duration staleness, Duration tokenWait) {
        return RelationshipIndex.over(store, feed, new RelationshipIndex.Settings(max, staleness, tokenWait));
    }

    /** A write another instance made: in the database, not announced yet. */
    private long writeElsewhere(Relationship r) {
        return database.write(List.of(RelationshipUpdate.touch(r))).value();
    }

    @Test
    void holdsWhatItReadUntilAChangeToTheObjectIsAnnounced() {
        RelationshipIndex index = index(database, 1000, Duration.ofSeconds(1), Duration.ZERO);
        writeElsewhere(Relationship.of(DOC, "viewer", ANN));
        assertThat(index.subjectsOf(DOC, "viewer")).extracting(Relationship::subject).containsExactly(ANN);
        long revision = writeElsewhere(Relationship.of(DOC, "viewer", BOB));

        assertThat(index.subjectsOf(DOC, "viewer")).as("not announced yet").extracting(Relationship::subject)
                .containsExactly(ANN);
        assertThat(index.relatedTo("user", "bob", java.util.Optional.empty())).as("read after the write").hasSize(1);
        feed.listener.changed(revision, List.of("doc:readme", "user:bob"), false);
        assertThat(index.subjectsOf(DOC, "viewer")).extracting(Relationship::subject).containsExactly(ANN, BOB);
    }

    @Test
    void anObjectReadWhileAChangeToItIsAnnouncedIsAnsweredButNotKept() {
        AtomicBoolean announceDuringRead = new AtomicBoolean(true);
        Relationships racing = new IndexedMemory.Announcing(database, feed) {
            @Override
            public List<Relationship> find(RelationshipFilter filter) {
                List<Relationship> read = database.find(filter);
                if (announceDuringRead.getAndSet(false)) {
                    // the read saw the old state; the change commits and is announced before it is kept
                    long revision = writeElsewhere(Relationship.of(DOC, "viewer", BOB));
                    feed.listener.changed(revision, List.of("doc:readme"), false);
                }
                return read;
            }
        };
        RelationshipIndex index = index(racing, 1000, Duration.ofSeconds(1), Duration.ZERO);
        writeElsewhere(Relationship.of(DOC, "viewer", ANN));

        assertThat(index.subjectsOf(DOC, "viewer")).extracting(Relationship::subject).containsExactly(ANN);
        assertThat(index.subjectsOf(DOC, "viewer")).as("read again, not the stale copy")
                .extracting(Relationship::subject).containsExactly(ANN, BOB);
    }

    @Test
    void anEverythingChangeOrAResetDropsAll() {
        RelationshipIndex index = index(database, 1000, Duration.ofSeconds(1), Duration.ZERO);
        writeElsewhere(Relationship.of(DOC, "viewer", ANN));
        index.subjectsOf(DOC, "viewer");
        writeElsewhere(Relationship.of(DOC, "viewer", BOB));
        feed.listener.reset();
        assertThat(index.size()).isZero();
        assertThat(index.subjectsOf(DOC, "viewer")).hasSize(2);
        database.deleteWhere(RelationshipFilter.ofResource(DOC));
        feed.listener.changed(99, List.of(), true);
        assertThat(index.subjectsOf(DOC, "viewer")).isEmpty();
    }

    @Test
    void holdsAtMostItsBudget() {
        RelationshipIndex index = index(database, 100, Duration.ofSeconds(1), Duration.ZERO);
        for (int i = 0; i < 500; i++) {
            writeElsewhere(Relationship.of(new ObjectRef("doc", "d" + i), "viewer", ANN));
        }
        for (int i = 0; i < 500; i++) {
            assertThat(index.subjectsOf(new ObjectRef("doc", "d" + i), "viewer")).hasSize(1);
            assertThat(index.size()).isLessThanOrEqualTo(100);
        }
        assertThat(index.size()).isPositive();
    }

    @Test
    void anObjectBiggerThanATenthOfTheBudgetIsReadButNotHeld() {
        RelationshipIndex index = index(database, 100, Duration.ofSeconds(1), Duration.ZERO);
        for (int i = 0; i < 11; i++) {
            writeElsewhere(Relationship.of(DOC, "viewer", SubjectRef.of("user", "u" + i)));
        }
        assertThat(index.subjectsOf(DOC, "viewer")).hasSize(11);
        assertThat(index.size()).isZero();
    }

    @Test
    void answersWithoutATokenOnlyWhileAMarkAskedWithinTheBoundHasComeBack() {
        RelationshipIndex index = index(database, 1000, Duration.ofMillis(20), Duration.ZERO);
        feed.holdMarks = true;
        assertThat(index.serves(OptionalLong.empty())).as("no mark has come back").isFalse();
        assertThat(feed.heldMarks).isNotEmpty();
        feed.releaseMarks();
        assertThat(index.serves(OptionalLong.empty())).isTrue();
    }

    @Test
    void neverAnswersInsideATransaction() {
        RelationshipIndex index = index(database, 1000, Duration.ofSeconds(1), Duration.ZERO);
        assertThat(index.serves(OptionalLong.empty())).isTrue();
        feed.inTransaction = true;
        assertThat(index.serves(OptionalLong.empty())).isFalse();
        assertThat(index.serves(OptionalLong.of(1))).isFalse();
    }

    @Test
    void answersWithATokenOnceItsRevisionWasAnnounced() {
        RelationshipIndex index = index(database, 1000, Duration.ofSeconds(1), Duration.ZERO);
        long revision = writeElsewhere(Relationship.of(DOC, "viewer", ANN));
        assertThat(index.serves(OptionalLong.of(revision))).isFalse();
        feed.listener.changed(revision, List.of("doc:readme"), false);
        assertThat(index.serves(OptionalLong.of(revision))).isTrue();
    }

    @Test
    void aTokenReadWaitsForItsRevision() throws Exception {
        RelationshipIndex index = index(database, 1000, Duration.ofSeconds(1), Duration.ofSeconds(30));
        long revision = writeElsewhere(Relationship.of(DOC, "viewer", ANN));
        Thread announcer = new Thread(() -> feed.listener.changed(revision, List.of("doc:readme"), false));
        announcer.start();
        assertThat(index.serves(OptionalLong.of(revision))).isTrue();
        announcer.join();
    }
}
