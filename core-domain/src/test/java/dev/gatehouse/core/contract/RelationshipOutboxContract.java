package dev.gatehouse.core.contract;

import dev.gatehouse.core.testing.Race;
import dev.gatehouse.core.authorization.ConsistencyToken;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.OutboxEntry;
import dev.gatehouse.core.authorization.OutboxLag;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipChange;
import dev.gatehouse.core.authorization.RelationshipFilter;
import dev.gatehouse.core.authorization.RelationshipOutbox;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static dev.gatehouse.core.contract.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every {@link RelationshipOutbox} implementation shows. Each test gets an empty
 * outbox that takes part in the given transactions.
 */
public abstract class RelationshipOutboxContract {

    /** An empty outbox and the transactions its enqueues join. */
    public record Stores(Transactions tx, RelationshipOutbox outbox) {
    }

    protected abstract Stores stores();

    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final ObjectRef DOC = new ObjectRef("document", "d1");

    private Stores s;
    private RelationshipOutbox outbox;

    @BeforeEach
    void freshOutbox() {
        s = stores();
        outbox = s.outbox();
    }

    private static RelationshipChange touch(String user) {
        return new RelationshipChange.Write(List.of(RelationshipUpdate.touch(
                Relationship.of(DOC, "viewer", SubjectRef.of("user", user)))));
    }

    private List<Long> enqueue(int n) {
        List<Long> sequences = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sequences.add(outbox.enqueue(touch("u" + i), at(i)));
        }
        return sequences;
    }

    private static List<Long> sequences(List<OutboxEntry> entries) {
        return entries.stream().map(OutboxEntry::sequence).toList();
    }

    @Nested
    class Enqueueing {
        @Test
        void keepsEveryKindOfChangeFaithfully() {
            RelationshipChange write = new RelationshipChange.Write(List.of(
                    RelationshipUpdate.create(Relationship.of(DOC, "viewer", SubjectRef.of("user", "tom"))),
                    RelationshipUpdate.touch(Relationship.expiring(DOC, "viewer", SubjectRef.parse("team:core#member"),
                            Instant.parse("2030-01-02T03:04:05.123456Z"))),
                    RelationshipUpdate.touch(Relationship.of(DOC, "viewer", SubjectRef.wildcard("user"))),
                    RelationshipUpdate.delete(Relationship.of(new ObjectRef("project", "p-1_x|y=z+w/v"), "member",
                            SubjectRef.of("user", "ann")))));
            RelationshipChange delete = new RelationshipChange.Delete(RelationshipFilter.any()
                    .withResourceType("document").withRelation("viewer").withSubjectType("user")
                    .withSubjectRelation(SubjectRef.ELLIPSIS));
            long w = outbox.enqueue(write, at(0));
            long d = outbox.enqueue(delete, at(1));

            OutboxEntry written = outbox.find(w).orElseThrow();
            assertThat(written.change()).isEqualTo(write);
            assertThat(written.createdAt()).isEqualTo(at(0));
            assertThat(written.attempts()).isZero();
            assertThat(written.nextAttemptAt()).isEqualTo(at(0));
            assertThat(written.lastError()).isEmpty();
            assertThat(written.isRelayed()).isFalse();
            assertThat(written.consistencyToken()).isEmpty();
            assertThat(outbox.find(d).orElseThrow().change()).isEqualTo(delete);
        }

        @Test
        void keepsCaveatsAndTheirContextFaithfully() {
            RelationshipChange write = new RelationshipChange.Write(List.of(
                    RelationshipUpdate.touch(dev.gatehouse.core.authorization.RelationshipText.parse(
                            "document:d1#viewer@user:tom[ip_allowlist:{\"cidr\":\"10.0.0.0/8\",\"n\":3,\"ratio\":1.5,"
                                    + "\"tags\":[\"a\",\"b\"],\"nested\":{\"ok\":true,\"none\":null}}]").relationship()),
                    RelationshipUpdate.touch(dev.gatehouse.core.authorization.RelationshipText.parse(
                            "document:d1#viewer@team:core#member[on_tuesday][expiration:2030-01-02T03:04:05Z]").relationship()),
                    RelationshipUpdate.create(dev.gatehouse.core.authorization.RelationshipText.parse(
                            "document:d1#viewer@user:*[on_tuesday:{}]").relationship())));
            long w = outbox.enqueue(write, at(0));
            RelationshipChange back = outbox.find(w).orElseThrow().change();
            assertThat(back).isEqualTo(write);
            Relationship first = ((RelationshipChange.Write) back).updates().get(0).relationship();
            assertThat(first.caveat().orElseThrow().name()).isEqualTo("ip_allowlist");
            assertThat(first.caveat().orElseThrow().context()).containsKeys("cidr", "n", "ratio", "tags", "nested");
        }

        @Test
        void sequencesRiseInEnqueueOrder() {
            List<Long> sequences = enqueue(5);
            assertThat(sequences).isSorted().doesNotHaveDuplicates();
            assertThat(sequences.get(0)).isPositive();
        }

        @Test
        void anEnqueueRolledBackWithItsTransactionLeavesNothing() {
            AtomicLong sequence = new AtomicLong();
            assertThatThrownBy(() -> s.tx().inTransaction(() -> {
                sequence.set(outbox.enqueue(touch("tom"), at(0)));
                throw new IllegalStateException("the domain change failed");
            })).hasMessage("the domain change failed");
            assertThat(outbox.find(sequence.get())).isEmpty();
            assertThat(outbox.lag(at(10))).isEqualTo(OutboxLag.NONE);
            assertThat(outbox.claimDue(at(10), 10, LEASE)).isEmpty();
        }

        @Test
        void anEnqueueOfATransactionReturningAFailureLeavesNothing() {
            AtomicLong sequence = new AtomicLong();
            Result<Object> r = s.tx().inTransaction(() -> {
                sequence.set(outbox.enqueue(touch("tom"), at(0)));
                return Result.fail(Failure.conflict("changed my mind"));
            });
            assertThat(r.isOk()).isFalse();
            assertThat(outbox.find(sequence.get())).isEmpty();
        }

        @Test
        void anEnqueueCommitsWithItsTransaction() {
            long sequence = s.tx().inTransaction(() -> outbox.enqueue(touch("tom"), at(0)));
            assertThat(outbox.find(sequence)).isPresent();
            assertThat(sequences(outbox.claimDue(at(0), 10, LEASE))).containsExactly(sequence);
        }

        @Test
        void anUnknownSequenceFindsNothing() {
            assertThat(outbox.find(12345)).isEmpty();
        }
    }

    @Nested
    class Claiming {
        @Test
        void claimsTheOldestPendingEntriesInOrderUpToTheLimit() {
            List<Long> sequences = enqueue(5);
            List<OutboxEntry> claimed = outbox.claimDue(at(10), 3, LEASE);
            assertThat(sequences(claimed)).containsExactlyElementsOf(sequences.subList(0, 3));
            assertThat(claimed).allSatisfy(e -> assertThat(e.nextAttemptAt()).isEqualTo(at(10).plus(LEASE)));
        }

        @Test
        void aClaimedEntryIsNotClaimedAgainUntilItsLeaseEnds() {
            List<Long> sequences = enqueue(3);
            assertThat(outbox.claimDue(at(10), 2, LEASE)).hasSize(2);
            // the head is held: nothing after it may be relayed first either
            assertThat(outbox.claimDue(at(11), 10, LEASE)).isEmpty();
            assertThat(outbox.claimDue(at(10).plus(LEASE).minusSeconds(1), 10, LEASE)).isEmpty();
            assertThat(sequences(outbox.claimDue(at(10).plus(LEASE), 10, LEASE))).containsExactlyElementsOf(sequences);
        }

        @Test
        void relayedEntriesAreNeverClaimedAndTheNextPendingOneBecomesTheHead() {
            List<Long> sequences = enqueue(3);
            outbox.claimDue(at(10), 2, LEASE);
            outbox.markRelayed(sequences.get(0), new ConsistencyToken("zed-1"), at(11));
            outbox.markRelayed(sequences.get(1), new ConsistencyToken("zed-2"), at(11));
            assertThat(sequences(outbox.claimDue(at(12), 10, LEASE))).containsExactly(sequences.get(2));
        }

        @Test
        void aHeadInBackoffHoldsBackEverythingAfterIt() {
            List<Long> sequences = enqueue(3);
            outbox.claimDue(at(10), 1, LEASE);
            outbox.markFailed(sequences.get(0), 1, "UNAVAILABLE: SpiceDB is down", at(20));
            assertThat(outbox.claimDue(at(19), 10, LEASE)).isEmpty();
            List<OutboxEntry> retried = outbox.claimDue(at(20), 10, LEASE);
            assertThat(sequences(retried)).containsExactlyElementsOf(sequences);
            assertThat(retried.get(0).attempts()).isEqualTo(1);
            assertThat(retried.get(0).lastError()).contains("UNAVAILABLE: SpiceDB is down");
        }

        @Test
        void anEmptyOutboxClaimsNothing() {
            assertThat(outbox.claimDue(at(0), 10, LEASE)).isEmpty();
        }

        @Test
        void concurrentClaimersNeverGetTheSameEntry() throws Exception {
            List<Long> sequences = enqueue(10);
            int claimers = 8;
            List<List<Long>> claims = new ArrayList<>();
            for (List<OutboxEntry> claimed : Race.run(claimers, claimers, i -> () -> outbox.claimDue(at(20), 4, LEASE))) {
                List<Long> got = sequences(claimed);
                if (!got.isEmpty()) {
                    claims.add(got);
                }
            }
            // the first claim takes the head (and the run after it that no one else locked at
            // that moment); every other finds the head held and gets nothing
            assertThat(claims).hasSize(1);
            List<Long> winner = claims.get(0);
            assertThat(winner).isNotEmpty().hasSizeLessThanOrEqualTo(4)
                    .containsExactlyElementsOf(sequences.subList(0, winner.size()));
        }

        @Test
        void racingRelaysRelayEveryEntryExactlyOnceInOrder() throws Exception {
            List<Long> sequences = enqueue(30);
            int relays = 4;
            List<Long> relayedOrder = Collections.synchronizedList(new ArrayList<>());
            Race.run(relays, relays, i -> () -> {
                while (outbox.lag(at(100)).pending() > 0) {
                    for (OutboxEntry e : outbox.claimDue(at(100), 3, LEASE)) {
                        relayedOrder.add(e.sequence());
                        outbox.markRelayed(e.sequence(), new ConsistencyToken("zed-" + e.sequence()), at(100));
                    }
                }
                return null;
            });
            assertThat(relayedOrder).containsExactlyElementsOf(sequences);
        }
    }

    @Nested
    class Marking {
        @Test
        void aRelayedEntryKeepsItsTokenAndTime() {
            long seq = enqueue(1).get(0);
            outbox.claimDue(at(10), 1, LEASE);
            outbox.markRelayed(seq, new ConsistencyToken("zed-abc"), at(11));
            OutboxEntry e = outbox.find(seq).orElseThrow();
            assertThat(e.isRelayed()).isTrue();
            assertThat(e.relayedAt()).contains(at(11));
            assertThat(e.consistencyToken()).contains(new ConsistencyToken("zed-abc"));
        }

        @Test
        void aFailureRecordsAttemptsErrorAndNextAttempt() {
            long seq = enqueue(1).get(0);
            outbox.claimDue(at(10), 1, LEASE);
            outbox.markFailed(seq, 3, "UNAVAILABLE: connection refused", at(14));
            OutboxEntry e = outbox.find(seq).orElseThrow();
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e.lastError()).contains("UNAVAILABLE: connection refused");
            assertThat(e.nextAttemptAt()).isEqualTo(at(14));
            assertThat(e.isRelayed()).isFalse();
        }

        @Test
        void marksOfAnAlreadyRelayedEntryChangeNothing() {
            long seq = enqueue(1).get(0);
            outbox.markRelayed(seq, new ConsistencyToken("first"), at(11));
            outbox.markRelayed(seq, new ConsistencyToken("second"), at(12));
            outbox.markFailed(seq, 1, "late failure of a lease that ran out", at(20));
            OutboxEntry e = outbox.find(seq).orElseThrow();
            assertThat(e.consistencyToken()).contains(new ConsistencyToken("first"));
            assertThat(e.relayedAt()).contains(at(11));
            assertThat(e.lastError()).isEmpty();
        }
    }

    @Nested
    class Lag {
        @Test
        void anEmptyOutboxHasNoLag() {
            assertThat(outbox.lag(at(0))).isEqualTo(OutboxLag.NONE);
        }

        @Test
        void countsPendingEntriesAndAgesTheOldest() {
            List<Long> sequences = enqueue(3); // created at 0, 1, 2
            assertThat(outbox.lag(at(10))).isEqualTo(new OutboxLag(3, Duration.ofSeconds(10)));
            outbox.markRelayed(sequences.get(0), new ConsistencyToken("z"), at(10));
            assertThat(outbox.lag(at(10))).isEqualTo(new OutboxLag(2, Duration.ofSeconds(9)));
        }
    }

    @Nested
    class Purging {
        @Test
        void purgesOnlyEntriesRelayedBeforeTheCutOff() {
            List<Long> sequences = enqueue(3);
            outbox.markRelayed(sequences.get(0), new ConsistencyToken("z1"), at(10));
            outbox.markRelayed(sequences.get(1), new ConsistencyToken("z2"), at(20));
            assertThat(outbox.purgeRelayed(at(20))).isEqualTo(1);
            assertThat(outbox.find(sequences.get(0))).isEmpty();
            assertThat(outbox.find(sequences.get(1))).isPresent();
            assertThat(outbox.find(sequences.get(2))).isPresent();
            assertThat(outbox.purgeRelayed(at(1000))).isEqualTo(1);
            assertThat(outbox.lag(at(1000)).pending()).isEqualTo(1);
        }
    }

    @Test
    void concurrentEnqueuesGetDistinctSequences() throws Exception {
        Set<Long> sequences = new HashSet<>(Race.run(40, 8, k -> () -> s.tx().inTransaction(() ->
                outbox.enqueue(touch("u" + k), at(k)))));
        assertThat(sequences).hasSize(40);
        assertThat(sequences(outbox.claimDue(at(100), 100, LEASE)))
                .containsExactlyElementsOf(sequences.stream().sorted().toList());
    }
}
