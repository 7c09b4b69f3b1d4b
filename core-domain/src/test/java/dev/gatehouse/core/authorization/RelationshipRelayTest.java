package dev.gatehouse.core.authorization;

import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.contract.AuthorizerContract;
import dev.gatehouse.core.memory.MemoryRelationshipOutbox;
import dev.gatehouse.core.memory.MemoryRelationships;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.shared.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.gatehouse.core.authorization.Permissionship.HAS_PERMISSION;
import static dev.gatehouse.core.authorization.Permissionship.NO_PERMISSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RelationshipRelayTest {
    private static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final ObjectRef WEB = ObjectRef.parse("project:web");

    private final TestClock clock = new TestClock(T0);
    private final MemoryTransactions tx = new MemoryTransactions();
    private final MemoryRelationshipOutbox outbox = new MemoryRelationshipOutbox(tx);
    private LocalAuthorizer engine;
    private FlakyTarget target;
    private OutboxAuthorizer authorizer;
    private RelationshipRelay relay;

    @BeforeEach
    void setUp() {
        MemoryTransactions engineTx = new MemoryTransactions();
        Schema schema = Schema.parse(AuthorizerContract.SCHEMA).value();
        engine = LocalAuthorizer.create(schema, new MemoryRelationships(engineTx), engineTx, clock).value();
        target = new FlakyTarget(engine);
        authorizer = new OutboxAuthorizer(target, outbox, clock, Optional.of(schema));
        relay = new RelationshipRelay(outbox, target, clock, LEASE, () -> 0.0);
    }

    private static Relationship rel(String text) {
        return RelationshipText.parse(text).relationship();
    }

    private long write(RelationshipUpdate... updates) {
        Result<ConsistencyToken> r = authorizer.write(List.of(updates));
        assertThat(r.isOk()).as("%s", r).isTrue();
        return OutboxAuthorizer.sequence(r.value()).orElseThrow();
    }

    private Permissionship engineSays(String resource, String permission, String subject) {
        return engine.check(ObjectRef.parse(resource), permission, SubjectRef.parse(subject)).value();
    }

    @Test
    void relaysPendingChangesInSequenceOrderAndRecordsTheEngineTokens() {
        long first = write(RelationshipUpdate.touch(rel("project:web#member@user:bob")));
        long second = write(RelationshipUpdate.touch(rel("project:web#member@user:eve")));
        long third = OutboxAuthorizer.sequence(authorizer.delete(RelationshipFilter.ofResource(WEB)
                .withRelation("member").withSubjectType("user").withSubjectId("bob")).value()).orElseThrow();

        RelationshipRelay.Outcome outcome = relay.relayDue(10);

        assertThat(outcome).isEqualTo(new RelationshipRelay.Outcome(3, 3, 0, 0));
        assertThat(target.applied).hasSize(3);
        assertThat(target.applied.get(2)).isInstanceOf(RelationshipFilter.class);
        assertThat(engineSays("project:web", "member", "user:bob")).isEqualTo(NO_PERMISSION);
        assertThat(engineSays("project:web", "member", "user:eve")).isEqualTo(HAS_PERMISSION);
        assertThat(outbox.find(first).orElseThrow().consistencyToken()).contains(new ConsistencyToken("1"));
        assertThat(outbox.find(second).orElseThrow().consistencyToken()).contains(new ConsistencyToken("2"));
        assertThat(outbox.find(third).orElseThrow().consistencyToken()).contains(new ConsistencyToken("3"));
        assertThat(outbox.find(third).orElseThrow().relayedAt()).contains(T0);
        assertThat(relay.lag()).isEqualTo(OutboxLag.NONE);
    }

    @Test
    void sendsACreateAsATouchSoThatABatchAppliedButNotAcknowledgedCanBeSentAgain() {
        // the engine applied the batch, but its answer was lost: the relay sends it again
        engine.write(List.of(RelationshipUpdate.touch(rel("project:web#member@user:bob"))));
        long seq = write(RelationshipUpdate.create(rel("project:web#member@user:bob")),
                RelationshipUpdate.create(rel("project:web#member@user:eve")));

        assertThat(relay.relayDue(10).relayed()).isEqualTo(1);

        @SuppressWarnings("unchecked")
        List<RelationshipUpdate> sent = (List<RelationshipUpdate>) target.applied.get(0);
        assertThat(sent).extracting(RelationshipUpdate::operation).containsOnly(RelationshipUpdate.Operation.TOUCH);
        assertThat(outbox.find(seq).orElseThrow().isRelayed()).isTrue();
        assertThat(engineSays("project:web", "member", "user:eve")).isEqualTo(HAS_PERMISSION);
    }

    @Nested
    class WhenTheEngineFails {
        @Test
        void nothingIsLostAndNothingOvertakesTheFailedEntry() {
            List<Long> sequences = new ArrayList<>();
            for (String user : List.of("a01", "a02", "a03", "a04", "a05")) {
                sequences.add(write(RelationshipUpdate.touch(rel("project:web#member@user:" + user))));
            }
            sequences.add(write(RelationshipUpdate.delete(rel("project:web#member@user:a01"))));
            target.failNext(3);

            for (int attempt = 1; attempt <= 3; attempt++) {
                RelationshipRelay.Outcome failed = relay.relayDue(10);
                assertThat(failed).isEqualTo(new RelationshipRelay.Outcome(6, 0, 1, 5));
                OutboxEntry head = outbox.find(sequences.get(0)).orElseThrow();
                assertThat(head.attempts()).isEqualTo(attempt);
                assertThat(head.lastError()).hasValueSatisfying(e -> assertThat(e).contains("UNAVAILABLE"));
                assertThat(relay.relayDue(10)).as("in backoff").isEqualTo(new RelationshipRelay.Outcome(0, 0, 0, 0));
                clock.advance(Duration.between(clock.instant(), head.nextAttemptAt()));
            }
            assertThat(relay.lag().pending()).isEqualTo(6);

            assertThat(relay.relayDue(10)).isEqualTo(new RelationshipRelay.Outcome(6, 6, 0, 0));
            assertThat(target.applied).hasSize(6);
            assertThat(target.attempted).hasSize(9);
            assertThat(engineSays("project:web", "member", "user:a01")).as("the delete came last").isEqualTo(NO_PERMISSION);
            assertThat(engineSays("project:web", "member", "user:a05")).isEqualTo(HAS_PERMISSION);
            assertThat(relay.lag()).isEqualTo(OutboxLag.NONE);
            for (int i = 1; i < sequences.size(); i++) {
                long previous = Long.parseLong(outbox.find(sequences.get(i - 1)).orElseThrow().consistencyToken().orElseThrow().value());
                long current = Long.parseLong(outbox.find(sequences.get(i)).orElseThrow().consistencyToken().orElseThrow().value());
                assertThat(current).as("engine revisions follow outbox order").isGreaterThan(previous);
            }
        }

        @Test
        void theWaitBeforeEachRetryGrows() {
            write(RelationshipUpdate.touch(rel("project:web#member@user:bob")));
            target.failNext(Integer.MAX_VALUE);
            List<Duration> waits = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Instant before = clock.instant();
                relay.relayDue(10);
                OutboxEntry e = outbox.find(1).orElseThrow();
                waits.add(Duration.between(before, e.nextAttemptAt()));
                clock.advance(Duration.between(before, e.nextAttemptAt()));
            }
            assertThat(waits).startsWith(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                    Duration.ofSeconds(8));
            assertThat(waits).isSorted();
            assertThat(waits.get(11)).isEqualTo(RelationshipRelay.MAX_RETRY);
            assertThat(outbox.find(1).orElseThrow().attempts()).isEqualTo(12);
        }

        @Test
        void anExceptionFromTheEngineIsAFailureRecordedNotThrown() {
            long seq = write(RelationshipUpdate.touch(rel("project:web#member@user:bob")));
            target.throwNext(new IllegalStateException("a bug in the client"));
            assertThat(relay.relayDue(10)).isEqualTo(new RelationshipRelay.Outcome(1, 0, 1, 0));
            assertThat(outbox.find(seq).orElseThrow().lastError())
                    .hasValueSatisfying(e -> assertThat(e).contains("IllegalStateException").contains("a bug in the client"));
        }
    }

    @Test
    void stopsStartingEntriesAfterHalfTheLeaseAndLeavesTheRestToTheNextClaim() {
        for (String user : List.of("a01", "a02", "a03", "a04")) {
            write(RelationshipUpdate.touch(rel("project:web#member@user:" + user)));
        }
        target.beforeEachChange(() -> clock.advance(Duration.ofSeconds(20)));

        assertThat(relay.relayDue(10)).isEqualTo(new RelationshipRelay.Outcome(4, 2, 0, 2));
        assertThat(relay.relayDue(10)).as("still held by the first claim's lease").isEqualTo(new RelationshipRelay.Outcome(0, 0, 0, 0));
        clock.advance(Duration.ofSeconds(20)); // the lease (60 s from the claim) has run out
        assertThat(relay.relayDue(10)).isEqualTo(new RelationshipRelay.Outcome(2, 2, 0, 0));
        assertThat(target.applied).hasSize(4);
    }

    @Test
    void relaysAtMostTheLimitPerRun() {
        for (String user : List.of("a01", "a02", "a03")) {
            write(RelationshipUpdate.touch(rel("project:web#member@user:" + user)));
        }
        assertThat(relay.relayDue(2)).isEqualTo(new RelationshipRelay.Outcome(2, 2, 0, 0));
        assertThat(relay.relayDue(2)).isEqualTo(new RelationshipRelay.Outcome(1, 1, 0, 0));
        assertThatThrownBy(() -> relay.relayDue(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lagCountsPendingEntriesAndAgesTheOldest() {
        write(RelationshipUpdate.touch(rel("project:web#member@user:bob")));
        clock.advance(Duration.ofSeconds(5));
        write(RelationshipUpdate.touch(rel("project:web#member@user:eve")));
        clock.advance(Duration.ofSeconds(2));
        assertThat(relay.lag()).isEqualTo(new OutboxLag(2, Duration.ofSeconds(7)));
    }

    @Nested
    class Backoff {
        @Test
        void startsAtOneSecondAndDoublesUpToFiveMinutes() {
            assertThat(RelationshipRelay.backoff(1, 0)).isEqualTo(Duration.ofSeconds(1));
            assertThat(RelationshipRelay.backoff(2, 0)).isEqualTo(Duration.ofSeconds(2));
            assertThat(RelationshipRelay.backoff(9, 0)).isEqualTo(Duration.ofSeconds(256));
            assertThat(RelationshipRelay.backoff(10, 0)).isEqualTo(Duration.ofMinutes(5));
            assertThat(RelationshipRelay.backoff(10_000, 0)).isEqualTo(Duration.ofMinutes(5));
        }

        @Test
        void jitterTakesUpToHalfAwayAndNeverMakesAWaitShorterThanThePreviousOnesLongest() {
            assertThat(RelationshipRelay.backoff(1, 0.999_999)).isBetween(Duration.ofMillis(500), Duration.ofMillis(501));
            assertThat(RelationshipRelay.backoff(4, 0.5)).isEqualTo(Duration.ofSeconds(6));
            for (int attempts = 1; attempts < 9; attempts++) {
                assertThat(RelationshipRelay.backoff(attempts + 1, 0.999_999))
                        .isGreaterThanOrEqualTo(RelationshipRelay.backoff(attempts, 0));
            }
        }

        @Test
        void refusesNonsense() {
            assertThatThrownBy(() -> RelationshipRelay.backoff(0, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> RelationshipRelay.backoff(1, 1.0)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
