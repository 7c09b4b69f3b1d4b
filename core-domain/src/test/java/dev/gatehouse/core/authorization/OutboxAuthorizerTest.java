package dev.gatehouse.core.authorization;

import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.contract.AuthorizerContract;
import dev.gatehouse.core.memory.MemoryRelationshipOutbox;
import dev.gatehouse.core.memory.MemoryRelationships;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static dev.gatehouse.core.authorization.Permissionship.HAS_PERMISSION;
import static dev.gatehouse.core.authorization.Permissionship.NO_PERMISSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboxAuthorizerTest {
    private static final ObjectRef WEB = ObjectRef.parse("project:web");
    private static final SubjectRef BOB = SubjectRef.parse("user:bob");

    private final TestClock clock = new TestClock(Instant.parse("2026-05-01T12:00:00Z"));
    private final MemoryTransactions tx = new MemoryTransactions();
    private final MemoryRelationshipOutbox outbox = new MemoryRelationshipOutbox(tx);
    private Schema schema;
    private FlakyTarget target;
    private OutboxAuthorizer authorizer;
    private RelationshipRelay relay;

    @BeforeEach
    void setUp() {
        MemoryTransactions engineTx = new MemoryTransactions();
        schema = Schema.parse(AuthorizerContract.SCHEMA).value();
        target = new FlakyTarget(LocalAuthorizer.create(schema, new MemoryRelationships(engineTx), engineTx, clock).value());
        authorizer = new OutboxAuthorizer(target, outbox, clock, Optional.of(schema));
        relay = new RelationshipRelay(outbox, target, clock, Duration.ofMinutes(1), () -> 0.0);
    }

    private static Relationship rel(String text) {
        return RelationshipText.parse(text).relationship();
    }

    private static RelationshipUpdate touch(String text) {
        return RelationshipUpdate.touch(rel(text));
    }

    private static void assertInvalid(Result<?> r) {
        assertThat(r.isOk()).as("%s", r).isFalse();
        assertThat(r.failure().reason()).isEqualTo(Reason.VALIDATION);
    }

    @Nested
    class Writes {
        @Test
        void areEnqueuedNotAppliedAndAnswerWithAnOutboxToken() {
            Result<ConsistencyToken> r = authorizer.write(List.of(touch("project:web#member@user:bob")));

            assertThat(r.value().value()).startsWith("outbox:");
            long seq = OutboxAuthorizer.sequence(r.value()).orElseThrow();
            assertThat(outbox.find(seq).orElseThrow().change())
                    .isEqualTo(new RelationshipChange.Write(List.of(touch("project:web#member@user:bob"))));
            assertThat(target.attempted).isEmpty();
            assertThat(authorizer.check(WEB, "viewer", BOB).value()).as("eventually consistent").isEqualTo(NO_PERMISSION);
        }

        @Test
        void commitAndRollBackWithTheCallersTransaction() {
            AtomicReference<ConsistencyToken> token = new AtomicReference<>();
            Result<Object> outcome = tx.inTransaction(() -> {
                token.set(authorizer.write(List.of(touch("project:web#member@user:bob"))).value());
                return Result.fail(Failure.conflict("the domain change failed after all"));
            });
            assertThat(outcome.isOk()).isFalse();
            assertThat(outbox.lag(clock.instant()).pending()).isZero();
            assertInvalid(authorizer.check(WEB, "viewer", BOB, Optional.of(token.get())));

            assertThatThrownBy(() -> tx.inTransaction(() -> {
                authorizer.delete(RelationshipFilter.ofResource(WEB));
                throw new IllegalStateException("boom");
            })).hasMessage("boom");
            assertThat(outbox.lag(clock.instant()).pending()).isZero();

            tx.inTransaction(() -> authorizer.write(List.of(touch("project:web#member@user:bob"))));
            assertThat(outbox.lag(clock.instant()).pending()).isOne();
        }

        @Test
        void aCreateOfAnExistingRelationshipIsAcceptedBecauseTheEngineIsNotAsked() {
            assertThat(authorizer.write(List.of(RelationshipUpdate.create(rel("project:web#member@user:bob")))).isOk()).isTrue();
            assertThat(authorizer.write(List.of(RelationshipUpdate.create(rel("project:web#member@user:bob")))).isOk()).isTrue();
            assertThat(relay.relayDue(10).relayed()).isEqualTo(2);
        }

        @Test
        void malformedBatchesAreRefusedBeforeAnythingIsEnqueued() {
            assertInvalid(authorizer.write(List.of()));
            assertInvalid(authorizer.write(List.of(touch("project:web#member@user:bob"),
                    RelationshipUpdate.delete(rel("project:web#member@user:bob")))));
            List<RelationshipUpdate> tooMany = new ArrayList<>();
            for (int i = 0; i <= OutboxAuthorizer.MAX_BATCH; i++) {
                tooMany.add(touch("project:web#member@user:u" + i));
            }
            assertInvalid(authorizer.write(tooMany));
            assertThat(outbox.lag(clock.instant()).pending()).isZero();
        }

        @Test
        void relationshipsTheSchemaDoesNotAllowAreRefused() {
            assertInvalid(authorizer.write(List.of(touch("project:web#nosuch@user:bob"))));
            assertInvalid(authorizer.write(List.of(touch("project:web#viewer@user:bob"))));
            assertInvalid(authorizer.write(List.of(touch("project:web#banned@user:*"))));
            assertInvalid(authorizer.write(List.of(touch("nosuch:web#member@user:bob"))));
            assertInvalid(authorizer.write(List.of(touch("project:web#member@team:core"))));
            assertThat(outbox.lag(clock.instant()).pending()).isZero();
            // a delete needs only the relation: relationships the schema no longer allows can go
            assertThat(authorizer.write(List.of(RelationshipUpdate.delete(rel("project:web#member@team:core")))).isOk()).isTrue();
        }

        @Test
        void withoutASchemaOnlyTheShapeIsChecked() {
            OutboxAuthorizer unchecked = new OutboxAuthorizer(target, outbox, clock, Optional.empty());
            assertThat(unchecked.write(List.of(touch("project:web#nosuch@user:bob"))).isOk()).isTrue();
            assertInvalid(unchecked.write(List.of()));
        }

        @Test
        void deletesByFilterAreEnqueuedAndImpossibleFiltersRefused() {
            Result<ConsistencyToken> r = authorizer.delete(RelationshipFilter.ofResource(WEB));
            assertThat(outbox.find(OutboxAuthorizer.sequence(r.value()).orElseThrow()).orElseThrow().change())
                    .isEqualTo(new RelationshipChange.Delete(RelationshipFilter.ofResource(WEB)));
            assertInvalid(authorizer.delete(RelationshipFilter.any()));
            assertInvalid(authorizer.delete(RelationshipFilter.any().withResourceType("project").withSubjectId("bob")));
        }
    }

    @Nested
    class Tokens {
        @Test
        void aCheckWithATokenOfAChangeNotYetRelayedFailsClosed() {
            ConsistencyToken token = authorizer.write(List.of(touch("project:web#member@user:bob"))).value();
            Result<Permissionship> r = authorizer.check(WEB, "viewer", BOB, Optional.of(token));
            assertThat(r.isOk()).isFalse();
            assertThat(r.failure().reason()).isEqualTo(Reason.UNAVAILABLE);
            assertThat(r.failure().message()).contains("not yet replicated");
            assertThat(r.failure().details())
                    .containsEntry(AuthorizationFailures.CODE, AuthorizationFailures.NOT_YET_REPLICATED);
            assertThat(target.checkTokens).isEmpty();
        }

        @Test
        void afterTheRelayACheckIsAtLeastAsFreshAsTheEnginesTokenForTheChange() {
            ConsistencyToken token = authorizer.write(List.of(touch("project:web#member@user:bob"))).value();
            relay.relayDue(10);
            ConsistencyToken engineToken = outbox.find(OutboxAuthorizer.sequence(token).orElseThrow()).orElseThrow()
                    .consistencyToken().orElseThrow();

            assertThat(authorizer.check(WEB, "viewer", BOB, Optional.of(token)).value()).isEqualTo(HAS_PERMISSION);
            assertThat(target.checkTokens).containsExactly(Optional.of(engineToken));
        }

        @Test
        void otherTokensPassThroughAndMalformedOutboxTokensAreInvalid() {
            authorizer.write(List.of(touch("project:web#member@user:bob")));
            relay.relayDue(10);
            assertThat(authorizer.check(WEB, "viewer", BOB, Optional.of(new ConsistencyToken("1"))).value())
                    .isEqualTo(HAS_PERMISSION);
            assertThat(target.checkTokens).containsExactly(Optional.of(new ConsistencyToken("1")));
            assertInvalid(authorizer.check(WEB, "viewer", BOB, Optional.of(new ConsistencyToken("outbox:x"))));
            assertInvalid(authorizer.check(WEB, "viewer", BOB, Optional.of(new ConsistencyToken("outbox:0"))));
            assertInvalid(authorizer.check(WEB, "viewer", BOB, Optional.of(new ConsistencyToken("outbox:999"))));
        }
    }

    @Test
    void readsGoToTheTarget() {
        authorizer.write(List.of(touch("project:web#member@user:bob")));
        relay.relayDue(10);
        assertThat(authorizer.lookupResources("project", "viewer", BOB, Optional.empty(), 10).value().items())
                .containsExactly("web");
        assertThat(authorizer.lookupSubjects(WEB, "viewer", "user", Optional.empty()).value().subjectIds())
                .containsExactly("bob");
    }
}
